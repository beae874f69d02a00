using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Domain.Delivery;

/// <summary>The headers and raw body of one provider callback, as received.</summary>
public sealed record ProviderCallbackRequest(string? Account, string? Timestamp, string? Signature, string Body);

/// <summary>The HTTP answer to a provider callback: status code and a small JSON-able body.</summary>
public sealed record CallbackAnswer(int StatusCode, object Body)
{
    public static CallbackAnswer Refused(int statusCode, string error) => new(statusCode, new { error });
}

/// <summary>
/// The provider's status callback and inbound endpoint (DESIGN §5). Both are anonymous but authenticated:
/// HMAC-SHA256 with the account's callback secret over <c>"{timestamp}.{body}"</c> (see <see cref="CallbackSignature"/>),
/// a timestamp within the window (5 minutes), and each signature accepted once (remembered in the database for
/// the window). Unknown accounts answer 404, unauthenticated, stale or replayed requests 401; each refusal is
/// counted (in the <see cref="DeliveryMetrics"/> meter at once, on the account's SMS Settings at most every 10 seconds). Status changes are
/// idempotent and monotonic: Pending &lt; Sent &lt; Delivered | Failed, so a late SENT never overwrites DELIVERED
/// or FAILED and the first final status wins.
/// </summary>
public sealed class ProviderCallbackService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ProviderSecrets secrets,
    InboundService inbound,
    IOptions<DeliveryOptions> options,
    TimeProvider time)
{
    public const int MaxBodyLength = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public static readonly TimeSpan RefusalWriteInterval = TimeSpan.FromSeconds(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, RefusalTally> _refusals = new();
    private long _lastPurgeTicks;

    /// <summary><c>POST /provider/callbacks/status</c>: <c>{ "retId", "status": "SENT" | "DELIVERED" | "FAILED", "reason" }</c>.</summary>
    public async Task<CallbackAnswer> HandleStatusAsync(ProviderCallbackRequest request, CancellationToken cancellationToken)
    {
        var (accountId, refusal) = await AuthenticateAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var callback = Parse<ProviderStatusCallback>(request.Body);
        if (callback is null || string.IsNullOrWhiteSpace(callback.RetId) || string.IsNullOrWhiteSpace(callback.Status))
        {
            return CallbackAnswer.Refused(400, "The body must be JSON with retId and status.");
        }

        if (!long.TryParse(callback.RetId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var messageId))
        {
            return CallbackAnswer.Refused(404, "Unknown retId.");
        }

        MessageStatus target;
        switch (callback.Status.Trim().ToUpperInvariant())
        {
            case "SENT":
                target = MessageStatus.Sent;
                break;
            case "DELIVERED":
                target = MessageStatus.Delivered;
                break;
            case "FAILED":
            case "UNDELIVERED":
                target = MessageStatus.Failed;
                break;
            default:
                return CallbackAnswer.Refused(400, "status must be SENT, DELIVERED or FAILED.");
        }

        var applied = await ApplyStatusAsync(accountId, messageId, target, callback.Reason, cancellationToken);
        return applied switch
        {
            null => CallbackAnswer.Refused(404, "Unknown retId."),
            var (status, changed) => new CallbackAnswer(200, new { retId = callback.RetId.Trim(), status = status.ToString(), applied = changed }),
        };
    }

    /// <summary><c>POST /provider/inbound</c>: <c>{ "id", "from", "to", "text" }</c>.</summary>
    public async Task<CallbackAnswer> HandleInboundAsync(ProviderCallbackRequest request, CancellationToken cancellationToken)
    {
        var (accountId, refusal) = await AuthenticateAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var text = Parse<ProviderInboundText>(request.Body);
        if (text is null)
        {
            return CallbackAnswer.Refused(400, "The body must be JSON with id, from, to and text.");
        }

        var result = await inbound.ReceiveAsync(accountId, text, cancellationToken);
        if (!result.Succeeded)
        {
            return CallbackAnswer.Refused(result.FirstError!.Code == Common.ResultCodes.NotFound ? 404 : 400, result.FirstError.Message);
        }

        var outcome = result.Value!;
        return new CallbackAnswer(200, new
        {
            id = text.Id!.Trim(),
            action = outcome.Action.ToString(),
            keyword = outcome.Keyword,
            replyMessageId = outcome.ReplyMessageId,
            duplicate = outcome.Duplicate,
        });
    }

    /// <summary>
    /// Moves a message forward only: SENT from Pending; DELIVERED and FAILED from Pending or Sent. Returns the
    /// status after the callback and whether it changed, or null when the message is not the account's.
    /// </summary>
    public async Task<(MessageStatus Status, bool Changed)?> ApplyStatusAsync(int accountId, long messageId, MessageStatus target, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = db.Messages.Where(m => m.Id == messageId && m.AccountId == accountId);
        var changed = target switch
        {
            MessageStatus.Sent => await message.Where(m => m.Status == MessageStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, MessageStatus.Sent)
                    .SetProperty(m => m.SentAt, m => m.SentAt ?? now)
                    .SetProperty(m => m.UpdatedAt, now)
                    .SetProperty(m => m.ErrorReason, (string?)null)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                    .SetProperty(m => m.NextAttemptAt, (DateTime?)null), cancellationToken),
            MessageStatus.Delivered => await message.Where(m => m.Status == MessageStatus.Pending || m.Status == MessageStatus.Sent)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, MessageStatus.Delivered)
                    .SetProperty(m => m.SentAt, m => m.SentAt ?? now)
                    .SetProperty(m => m.DeliveredAt, now)
                    .SetProperty(m => m.UpdatedAt, now)
                    .SetProperty(m => m.ErrorReason, (string?)null)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                    .SetProperty(m => m.NextAttemptAt, (DateTime?)null), cancellationToken),
            _ => await message.Where(m => m.Status == MessageStatus.Pending || m.Status == MessageStatus.Sent)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, MessageStatus.Failed)
                    .SetProperty(m => m.FailedAt, now)
                    .SetProperty(m => m.UpdatedAt, now)
                    .SetProperty(m => m.ErrorCode, "PROVIDER_FAILED")
                    .SetProperty(m => m.ErrorReason, Truncate(string.IsNullOrWhiteSpace(reason) ? "The provider reported the message as failed." : reason.Trim(), 1000))
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                    .SetProperty(m => m.NextAttemptAt, (DateTime?)null), cancellationToken),
        };

        if (changed == 1)
        {
            // The message.status event, in the status change's transaction.
            await MessageEventOutbox.RecordStatusChangesAsync(db, [messageId], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var status = await message.Select(m => (MessageStatus?)m.Status).FirstOrDefaultAsync(cancellationToken);
        return status is null ? null : (status.Value, changed == 1);
    }

    /// <summary>Checks the account, timestamp window, signature and replay; returns the account id or the refusal.</summary>
    private async Task<(int AccountId, CallbackAnswer? Refusal)> AuthenticateAsync(ProviderCallbackRequest request, CancellationToken cancellationToken)
    {
        if (!int.TryParse(request.Account?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var accountId))
        {
            Count("missing_account");
            return (0, CallbackAnswer.Refused(401, $"The {CallbackSignature.AccountHeader} header is missing."));
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.ProviderSettings.AsNoTracking()
            .Where(s => s.AccountId == accountId)
            .Select(s => new { s.ProtectedCallbackSecret })
            .FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            var exists = await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken);
            Count(exists ? "no_secret" : "unknown_account");
            return exists
                ? (0, await RefuseAsync(db, accountId, "no_secret", "The account has no callback secret yet.", now, cancellationToken))
                : (0, CallbackAnswer.Refused(404, "Unknown account."));
        }

        if (!long.TryParse(request.Timestamp?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp))
        {
            return (0, await RefuseAsync(db, accountId, "missing_timestamp", $"The {CallbackSignature.TimestampHeader} header is missing.", now, cancellationToken));
        }

        // Compared without subtracting the timestamp: an extreme value (long.MinValue + now) must not overflow into a 500.
        var window = (long)options.Value.CallbackWindow.TotalSeconds;
        var nowSeconds = CallbackSignature.ToUnixSeconds(now);
        if (timestamp < nowSeconds - window || timestamp > nowSeconds + window)
        {
            return (0, await RefuseAsync(db, accountId, "stale", "The timestamp is outside the 5-minute window.", now, cancellationToken));
        }

        var secret = secrets.UnprotectCallbackSecret(settings.ProtectedCallbackSecret);
        if (secret is null || !CallbackSignature.Verify(secret, timestamp, request.Body, request.Signature))
        {
            return (0, await RefuseAsync(db, accountId, "bad_signature", "The signature does not match.", now, cancellationToken));
        }

        // Each signature is accepted once: the unique index refuses a replay, even one racing the first request.
        db.ProviderCallbackReceipts.Add(new ProviderCallbackReceipt
        {
            AccountId = accountId,
            SignatureHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Signature!.Trim().ToLowerInvariant()))),
            ReceivedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (0, await RefuseAsync(db, accountId, "replayed", "This signed request was already received.", now, cancellationToken));
        }

        await PurgeOldReceiptsAsync(db, now, cancellationToken);
        return (accountId, null);
    }

    /// <summary>
    /// Counts a refusal. The account's count on SMS Settings is written at most once per <see cref="RefusalWriteInterval"/>
    /// (the refusals since the last write added at once; <see cref="WriteRefusalsAsync"/> writes the rest), so a flood
    /// of forged requests does not become a flood of writes.
    /// </summary>
    private async Task<CallbackAnswer> RefuseAsync(ApplicationDbContext db, int accountId, string reason, string message, DateTime now, CancellationToken cancellationToken)
    {
        Count(reason);
        var tally = _refusals.GetOrAdd(accountId, _ => new RefusalTally());
        int count;
        lock (tally)
        {
            tally.Unwritten++;
            tally.LastAt = now;
            tally.LastReason = message;
            if (tally.WrittenAt is { } written && now - written < RefusalWriteInterval && now >= written)
            {
                return CallbackAnswer.Refused(401, message);
            }

            (count, tally.Unwritten, tally.WrittenAt) = (tally.Unwritten, 0, now);
        }

        await AddRefusalsAsync(db, accountId, count, now, message);
        return CallbackAnswer.Refused(401, message);
    }

    /// <summary>Writes the refusals counted in memory and not yet on the accounts' SMS Settings (a background loop calls it).</summary>
    public async Task WriteRefusalsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (accountId, tally) in _refusals)
        {
            int count;
            DateTime lastAt;
            string lastReason;
            lock (tally)
            {
                if (tally.Unwritten == 0)
                {
                    continue;
                }

                (count, lastAt, lastReason, tally.Unwritten, tally.WrittenAt) = (tally.Unwritten, tally.LastAt, tally.LastReason, 0, now);
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await AddRefusalsAsync(db, accountId, count, lastAt, lastReason);
        }
    }

    private static Task<int> AddRefusalsAsync(ApplicationDbContext db, int accountId, int count, DateTime at, string reason) =>
        db.ProviderSettings.Where(s => s.AccountId == accountId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.RefusedCallbacks, p => p.RefusedCallbacks + count)
                .SetProperty(p => p.LastRefusedCallbackAt, at)
                .SetProperty(p => p.LastRefusedCallbackReason, reason), CancellationToken.None);

    /// <summary>Refusals of one account not yet written, and when the count was last written.</summary>
    private sealed class RefusalTally
    {
        public int Unwritten;
        public DateTime? WrittenAt;
        public DateTime LastAt;
        public string LastReason = "";
    }

    private async Task PurgeOldReceiptsAsync(ApplicationDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref _lastPurgeTicks);
        if (now.Ticks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastPurgeTicks, now.Ticks, last) != last)
        {
            return;
        }

        // A timestamp outside the window is refused before its signature is looked up, so older receipts are not needed.
        var before = now - (2 * options.Value.CallbackWindow);
        await db.ProviderCallbackReceipts.Where(r => r.ReceivedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static void Count(string reason) =>
        DeliveryMetrics.CallbacksRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private static T? Parse<T>(string body) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

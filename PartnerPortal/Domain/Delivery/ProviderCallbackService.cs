using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Domain.Delivery;

/// <summary>The headers and raw body of one provider callback, as received.</summary>
public sealed record ProviderCallbackRequest(string? Account, string? Timestamp, string? Signature, string Body);

/// <summary>A status callback taken: the message's status after it, and whether the callback changed it.</summary>
public sealed record StatusCallbackResult(string RetId, MessageStatus Status, bool Applied);

/// <summary>An inbound text taken: the provider's id of it and what was done.</summary>
public sealed record InboundCallbackResult(string Id, InboundOutcome Outcome);

/// <summary>
/// The provider's status callback and inbound endpoint (DESIGN §5), anonymous but authenticated by <see cref="CallbackSignature"/>:
/// HMAC-SHA256 with the account's callback secret over <c>"{timestamp}.{body}"</c>, within 5 minutes, each signature used once. Unknown
/// account → <see cref="ResultCodes.NotFound"/> (404); bad, stale or replayed → <see cref="ResultCodes.Unauthenticated"/> (401), counted in
/// <see cref="DeliveryMetrics"/> and on SMS Settings (at most every <see cref="RefusalWriteInterval"/>). Status is idempotent, never moves back: the first final one wins.
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
    public static readonly TimeSpan RefusalWriteInterval = RefusedCallbackCounter.WriteInterval;

    private readonly RefusedCallbackCounter _refusals = new(dbFactory, time);
    private long _lastPurgeTicks;

    /// <summary><c>POST /provider/callbacks/status</c>: <c>{ "retId", "status": "SENT" | "DELIVERED" | "FAILED", "reason" }</c>.</summary>
    public async Task<Result<StatusCallbackResult>> HandleStatusAsync(ProviderCallbackRequest request, CancellationToken cancellationToken)
    {
        var (accountId, refusal) = await AuthenticateAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var callback = Parse<ProviderStatusCallback>(request.Body);
        if (callback is null || string.IsNullOrWhiteSpace(callback.RetId) || string.IsNullOrWhiteSpace(callback.Status))
        {
            return Malformed("The body must be JSON with retId and status.");
        }

        if (!long.TryParse(callback.RetId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var messageId))
        {
            return UnknownRetId;
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
                return Malformed("status must be SENT, DELIVERED or FAILED.");
        }

        var applied = await ApplyStatusAsync(accountId, messageId, target, callback.Reason, cancellationToken);
        return applied is var (status, changed)
            ? Result<StatusCallbackResult>.Ok(new StatusCallbackResult(callback.RetId.Trim(), status, changed))
            : UnknownRetId;
    }

    /// <summary><c>POST /provider/inbound</c>: <c>{ "id", "from", "to", "text" }</c>.</summary>
    public async Task<Result<InboundCallbackResult>> HandleInboundAsync(ProviderCallbackRequest request, CancellationToken cancellationToken)
    {
        var (accountId, refusal) = await AuthenticateAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var text = Parse<ProviderInboundText>(request.Body);
        if (text is null)
        {
            return Malformed("The body must be JSON with id, from, to and text.");
        }

        var result = await inbound.ReceiveAsync(accountId, text, cancellationToken);
        return result.Succeeded
            ? Result<InboundCallbackResult>.Ok(new InboundCallbackResult(text.Id!.Trim(), result.Value!))
            : Result<InboundCallbackResult>.Fail(result.Errors);
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
            MessageStatus.Sent => await MessageLifecycle.MarkSentAsync(message, now, cancellationToken),
            MessageStatus.Delivered => await MessageLifecycle.MarkDeliveredAsync(message, now, cancellationToken),
            _ => await MessageLifecycle.FailAsync(message, "PROVIDER_FAILED",
                string.IsNullOrWhiteSpace(reason) ? "The provider reported the message as failed." : reason.Trim(), now, afterSent: true, cancellationToken),
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
    private async Task<(int AccountId, Error? Refusal)> AuthenticateAsync(ProviderCallbackRequest request, CancellationToken cancellationToken)
    {
        if (!int.TryParse(request.Account?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var accountId))
        {
            Count("missing_account");
            return (0, new Error($"The {CallbackSignature.AccountHeader} header is missing.", ResultCodes.Unauthenticated));
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
                : (0, new Error("Unknown account.", ResultCodes.NotFound));
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

    private async Task<Error> RefuseAsync(ApplicationDbContext db, int accountId, string reason, string message, DateTime now, CancellationToken cancellationToken)
    {
        Count(reason);
        await _refusals.CountAsync(db, accountId, message, now);
        return new Error(message, ResultCodes.Unauthenticated);
    }

    /// <summary>Writes the refusals counted in memory and not yet on the accounts' SMS Settings (a background loop calls it).</summary>
    public Task WriteRefusalsAsync(CancellationToken cancellationToken) => _refusals.WriteAsync(cancellationToken);

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

    private static readonly Error UnknownRetId = new("Unknown retId.", ResultCodes.NotFound);

    private static Error Malformed(string message) => new(message, ResultCodes.ValidationFailed);

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

}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Hosting;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>What one dispatch pass did.</summary>
public sealed record DispatchSummary(int Claimed, int Sent, int Failed, int Retried, int Released);

/// <summary>
/// Sends Pending messages to the providers (DESIGN §5). A pass claims due messages in batches with one
/// conditional UPDATE (Pending, due, and not claimed or with an expired lease), so two dispatchers never own
/// a row at the same time and a crashed process's claims are taken over once their lease expires. The
/// attempt is recorded (<see cref="MessageAttempt"/>, <c>Attempts + 1</c>) in the claim's transaction,
/// before anything is sent. Up to <see cref="DeliveryOptions.Concurrency"/> requests are in flight; each
/// POSTs one JSON document (<see cref="ProviderMessage"/>) with Basic authentication when set. 2xx → Sent;
/// 4xx → Failed with the reason; 5xx, 408, 429, timeouts and connection errors → retried with exponential
/// backoff and jitter, and Failed after <see cref="DeliveryOptions.MaxAttempts"/>. Results are written in
/// batches, guarded so that a status never moves backwards and a lost claim never clears another's; a failed
/// write is retried until it succeeds (answers received are never dropped). A text whose recipient opted out
/// after it was queued is not sent: Failed, "recipient opted out".
/// <para>Delivery contract: at least once, with <c>retId</c> (the message id) as the deduplication key. Our
/// side never sends a message twice while its claim is live: a send only starts while the lease has at least
/// one request timeout left. A message is sent again only when the process died (or lost the database)
/// after the request left and before its answer was recorded; it then carries the same <c>retId</c>, and the
/// provider must treat a repeated <c>retId</c> as the same message.</para>
/// </summary>
public sealed class MessageDispatcher(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IHttpClientFactory httpClients,
    ProviderSecrets secrets,
    SecureLinkService secureLinks,
    SimulatedProviderAddress simulatedAddress,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<MessageDispatcher> logger) : BackgroundService
{
    public static readonly Actor SystemActor = Actor.System("Dispatcher");
    public const string OptedOutReason = "recipient opted out";

    private const int MaxFlush = 500;
    private static readonly TimeSpan FlushWindow = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan WriteRetryFirstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan WriteRetryMaxPause = TimeSpan.FromSeconds(5);
    // A provider's error body is read up to this many bytes (its reason is kept to 300 characters anyway).
    private const int MaxErrorBodyBytes = 4 * 1024;
    // Claims and result writes of this dispatcher take turns: SQLite has one writer, and a write that finds the
    // database busy is retried only after a long sleep; waiting here instead costs just the other write's duration.
    private readonly SemaphoreSlim _writeTurn = new(1, 1);
    private long _batches;

    /// <summary>Identifies this dispatcher in claims: machine, process and a random part (unique per instance).</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// One pass: claims and sends every message due at <paramref name="now"/> (later claims in a long pass move
    /// on with the clock). When <paramref name="stoppingToken"/> fires, no more messages are claimed, those
    /// claimed but not yet sent are released, and requests in flight finish (within the request timeout) and
    /// are recorded.
    /// </summary>
    public async Task<DispatchSummary> DispatchDueAsync(DateTime now, CancellationToken stoppingToken = default)
    {
        var settings = options.Value;
        // Later claims in a long pass move on with the clock (a hand-moved test clock does not move by itself).
        var started = time.GetUtcNow();
        DateTime Clock() => now + (time.GetUtcNow() - started);

        var pass = new Pass(Clock, new Dictionary<int, ProviderTarget>());
        // Up to two batches wait for a sender, so the next claim overlaps the sends.
        var work = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(Math.Max(1, 2 * settings.BatchSize)) { SingleWriter = true });
        var results = Channel.CreateUnbounded<Outcome>(new UnboundedChannelOptions { SingleReader = true });
        var producer = Task.Run(() => ProduceAsync(pass, work.Writer, stoppingToken), CancellationToken.None);
        var writer = Task.Run(() => WriteResultsAsync(pass, results.Reader), CancellationToken.None);
        try
        {
            await Parallel.ForEachAsync(work.Reader.ReadAllAsync(CancellationToken.None),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Concurrency) },
                async (item, _) =>
                {
                    // A send starts only while the claim has a whole request timeout left, so it ends before anyone else may take it.
                    var outcome = stoppingToken.IsCancellationRequested || item.LeaseUntil - settings.Timeout <= Clock()
                        ? new Outcome(item, OutcomeKind.NotSent, null, null)
                        : await SendAsync(item);
                    await results.Writer.WriteAsync(outcome, CancellationToken.None);
                });
            await producer;
        }
        finally
        {
            results.Writer.TryComplete();
            await writer;
        }

        return new DispatchSummary(pass.Claimed, pass.Sent, pass.Failed, pass.Retried, pass.Released);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await Task.Yield();
        logger.LogInformation("Message dispatcher {Instance} started (concurrency {Concurrency})", InstanceId, options.Value.Concurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var summary = await DispatchDueAsync(time.GetUtcNow().UtcDateTime, stoppingToken);
                if (summary.Claimed > 0 && !stoppingToken.IsCancellationRequested)
                {
                    logger.LogInformation("Dispatched {Claimed} messages: {Sent} sent, {Failed} failed, {Retried} to retry",
                        summary.Claimed, summary.Sent, summary.Failed, summary.Retried);
                    continue;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Dispatch pass failed");
            }

            if (!await WorkerDelay.WaitAsync(options.Value.PollInterval, time, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task ProduceAsync(Pass pass, ChannelWriter<WorkItem> work, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var (items, found) = await ClaimAsync(pass, stoppingToken);
                if (!found)
                {
                    break;
                }

                foreach (var item in items)
                {
                    // Claimed items always reach the senders (which release them when stopping).
                    await work.WriteAsync(item, CancellationToken.None);
                }
            }

            work.TryComplete();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            work.TryComplete();
        }
        catch (Exception exception)
        {
            work.TryComplete(exception);
        }
    }

    /// <summary>Claims one batch and records its attempts; <c>Found</c> is false when nothing was due.</summary>
    private async Task<(List<WorkItem> Items, bool Found)> ClaimAsync(Pass pass, CancellationToken cancellationToken)
    {
        var at = pass.Clock();
        await _writeTurn.WaitAsync(cancellationToken);
        try
        {
            return await ClaimWithinTurnAsync(pass, at, cancellationToken);
        }
        finally
        {
            _writeTurn.Release();
        }
    }

    private async Task<(List<WorkItem> Items, bool Found)> ClaimWithinTurnAsync(Pass pass, DateTime at, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // A send starts only while a whole request timeout is left on the lease, so the lease is at least two timeouts.
        var until = at + (settings.ClaimLease > 2 * settings.Timeout ? settings.ClaimLease : 2 * settings.Timeout);
        var token = $"{InstanceId}:{Interlocked.Increment(ref _batches).ToString(CultureInfo.InvariantCulture)}";
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batchSize = Math.Max(1, settings.BatchSize);
        var pending = nameof(MessageStatus.Pending);
        var candidates = db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL"
            // Several instances on one PostgreSQL: each takes rows the others have not locked, instead of queueing on them.
            ? await db.Database.SqlQuery<long>(
                $"""
                SELECT "Id" AS "Value" FROM "Messages"
                WHERE "Status" = {pending} AND ("ScheduledFor" IS NULL OR "ScheduledFor" <= {at}) AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {at}) AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {at})
                ORDER BY "Id" LIMIT {batchSize} FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken)
            : await Due(db.Messages, at)
                .OrderBy(m => m.Id)
                .Select(m => m.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return ([], false);
        }

        // The conditions are repeated on the rows themselves: a row another dispatcher claimed meanwhile is skipped.
        var claimed = await Due(db.Messages.Where(m => candidates.Contains(m.Id)), at)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedBy, token)
                .SetProperty(m => m.ClaimedUntil, until)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            await transaction.CommitAsync(CancellationToken.None);
            return ([], true);
        }

        var mine = db.Messages.Where(m => m.ClaimedBy == token);
        await db.MessageAttempts
            .Where(a => a.Result == AttemptResult.InProgress && mine.Any(m => m.Id == a.MessageId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Result, AttemptResult.Interrupted)
                .SetProperty(a => a.FinishedAt, at)
                .SetProperty(a => a.Error, "The claim expired before the answer was recorded (the dispatcher stopped); sent again with the same retId."),
                cancellationToken);
        var inProgress = nameof(AttemptResult.InProgress);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "MessageAttempts" ("MessageId", "Number", "StartedAt", "Result", "Dispatcher")
            SELECT "Id", "Attempts", {at}, {inProgress}, {token} FROM "Messages" WHERE "ClaimedBy" = {token}
            """, cancellationToken);

        var rows = await mine.AsNoTracking()
            .Select(m => new
            {
                m.Id, m.AccountId, m.Attempts, m.Kind, m.NotifyMethod, m.ToNumber, m.Content, m.Encoding, m.SegmentCount, m.SenderNumber, m.Type,
                // Opted out after the text was queued (a STOP's own confirmation, queued with it, and later HELP replies still go).
                OptedOut = db.OptOuts.Any(o => o.AccountId == m.AccountId && o.Phone == m.ToNumber && o.OptedOutAt > m.CreatedAt),
                AttemptId = db.MessageAttempts.Where(a => a.MessageId == m.Id && a.Number == m.Attempts).Select(a => a.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var unknown = rows.Select(r => r.AccountId).Distinct().Where(a => !pass.Targets.ContainsKey(a)).ToList();
        if (unknown.Count > 0)
        {
            var stored = await db.ProviderSettings.AsNoTracking().Where(s => unknown.Contains(s.AccountId)).ToListAsync(cancellationToken);
            foreach (var accountId in unknown)
            {
                pass.Targets[accountId] = TargetFor(stored.FirstOrDefault(s => s.AccountId == accountId));
            }
        }

        // The provider's type follows the sender name; the message keeps what was sent.
        foreach (var group in rows.GroupBy(r => pass.Targets[r.AccountId].Type).Where(g => g.Any(r => r.Type != g.Key)))
        {
            var ids = group.Where(r => r.Type != group.Key).Select(r => r.Id).ToList();
            var type = group.Key;
            await db.Messages.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.Type, type), cancellationToken);
        }

        await transaction.CommitAsync(CancellationToken.None);
        pass.Add(ref pass.Claimed, rows.Count);
        var items = rows.Select(r => new WorkItem(
                r.Id, r.AccountId, r.AttemptId, r.Attempts, token, until, r.Kind, r.NotifyMethod, r.ToNumber, r.Content, r.Encoding,
                r.SegmentCount, r.SenderNumber, pass.Targets[r.AccountId], r.OptedOut))
            .ToList();
        return (items, true);
    }

    private static IQueryable<Message> Due(IQueryable<Message> messages, DateTime at) =>
        messages.Where(m => m.Status == MessageStatus.Pending
            && (m.ScheduledFor == null || m.ScheduledFor <= at)
            && (m.NextAttemptAt == null || m.NextAttemptAt <= at)
            && (m.ClaimedUntil == null || m.ClaimedUntil <= at));

    private ProviderTarget TargetFor(ProviderSettings? settings)
    {
        var type = ProviderMessage.TypeFor(settings?.SenderName) == ProviderMessage.Marketing ? MessageType.Marketing : MessageType.Notification;
        if (settings?.ProviderUrl is { } url)
        {
            AuthenticationHeaderValue? authorization = null;
            string? problem = null;
            if (settings.UseAuthentication && settings.Login is not null)
            {
                var password = secrets.UnprotectPassword(settings.ProtectedPassword);
                problem = password is null ? "The provider password could not be read; enter it again on the SMS Settings page." : null;
                authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Login}:{password}")));
            }

            return new ProviderTarget(new Uri(url), authorization, settings.SenderName, type, Simulated: false, problem);
        }

        if (options.Value.SimulatedProvider.Enabled != true)
        {
            return new ProviderTarget(null, null, settings?.SenderName, type, Simulated: false,
                "No SMS provider is configured for this account: enter its SMS Settings.");
        }

        return simulatedAddress.BaseUrl is { } baseUrl
            ? new ProviderTarget(new Uri(baseUrl + SimulatedProviderAddress.MessagesPath), null, settings?.SenderName, type, Simulated: true, null)
            : new ProviderTarget(null, null, settings?.SenderName, type, Simulated: true,
                "The built-in provider's address is not known yet; set Delivery:SimulatedProvider:BaseUrl.");
    }

    private async Task<Outcome> SendAsync(WorkItem item)
    {
        var timeout = options.Value.Timeout;
        try
        {
            if (item.Kind == MessageKind.SecureText && item.NotifyMethod == NotifyMethod.Email)
            {
                var emailed = await secureLinks.DeliverEmailNoticeAsync(item.MessageId, CancellationToken.None);
                return emailed.Succeeded
                    ? new Outcome(item, OutcomeKind.EmailSent, null, null)
                    : new Outcome(item, OutcomeKind.Rejected, null, emailed.FirstError!.Message);
            }

            if (item.OptedOut)
            {
                return new Outcome(item, OutcomeKind.OptedOut, null, OptedOutReason);
            }

            if (item.Target.Problem is { } problem)
            {
                return new Outcome(item, OutcomeKind.Error, null, problem);
            }

            if (string.IsNullOrEmpty(item.ToNumber))
            {
                return new Outcome(item, OutcomeKind.Rejected, null, "The message has no mobile number to send to.");
            }

            var text = item.Content;
            var isUnicode = item.Encoding == SegmentCalculator.Ucs2;
            var credits = item.Segments;
            if (item.Kind == MessageKind.SecureText)
            {
                // Only the generic notice is texted, never the content (HIPAA); a new link token per attempt.
                var notice = await secureLinks.IssueNoticeAsync(item.MessageId, CancellationToken.None);
                if (!notice.Succeeded)
                {
                    return new Outcome(item, OutcomeKind.Rejected, null, notice.FirstError!.Message);
                }

                text = notice.Value!.SmsText;
                if (item.NotifyMethod == NotifyMethod.Both && item.AttemptNumber == 1)
                {
                    // The same notice and link by email too; once, not on every retry of the SMS.
                    await secureLinks.EmailNoticeAsync(item.MessageId, notice.Value, CancellationToken.None);
                }
                var counted = SegmentCalculator.Calculate(text);
                (isUnicode, credits) = (counted.IsUnicode, counted.Segments);
            }

            var payload = new ProviderMessage(
                item.Target.Type == MessageType.Marketing ? ProviderMessage.Marketing : ProviderMessage.Notification,
                // INO CX reads "no sender ⇒ MARKETING": without a sender name the field is left out, never a number.
                item.Target.Type == MessageType.Marketing ? null : item.Target.SenderName,
                item.ToNumber,
                item.MessageId.ToString(CultureInfo.InvariantCulture),
                isUnicode,
                text,
                credits);
            using var request = new HttpRequestMessage(HttpMethod.Post, item.Target.Url)
            {
                Content = new SingleSendContent(payload.ToJson()),
            };
            request.Headers.Authorization = item.Target.Authorization;
            using var timer = new CancellationTokenSource(timeout);
            var client = httpClients.CreateClient(item.Target.Simulated ? DeliveryHttp.SimulatedClient : DeliveryHttp.ProviderClient);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timer.Token);
            var code = (int)response.StatusCode;
            if (code is >= 200 and < 300)
            {
                return new Outcome(item, OutcomeKind.Sent, code, null);
            }

            var reason = Truncate($"HTTP {code} {await ReasonAsync(response, timer.Token)}".Trim(), 1000);
            return code is 408 or 429 or >= 500
                ? new Outcome(item, OutcomeKind.Error, code, reason)
                : new Outcome(item, OutcomeKind.Rejected, code, reason);
        }
        catch (OperationCanceledException)
        {
            return new Outcome(item, OutcomeKind.Error, null, $"No answer within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException exception)
        {
            return new Outcome(item, OutcomeKind.Error, null, Truncate($"Could not connect: {exception.Message}", 1000));
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Sending message {MessageId} failed unexpectedly", item.MessageId);
            return new Outcome(item, OutcomeKind.Error, null, $"Unexpected error ({exception.GetType().Name}).");
        }
    }

    /// <summary>The provider's reason: a JSON <c>reason</c>/<c>message</c>/<c>error</c>/<c>detail</c>, else the start of the body, else the reason phrase.</summary>
    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            // At most a few KB: a provider (or whatever answers at its address) may send an endless body.
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxErrorBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }

            body = Encoding.UTF8.GetString(buffer, 0, length).Trim();
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
        {
            body = "";
        }

        if (body.StartsWith('{'))
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(body);
                foreach (var name in new[] { "reason", "message", "error", "detail", "title" })
                {
                    if (json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        return value.GetString()!;
                    }
                }
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }

        return body.Length > 0 ? Truncate(body, 300) : response.ReasonPhrase ?? "";
    }

    private async Task WriteResultsAsync(Pass pass, ChannelReader<Outcome> results)
    {
        var buffer = new List<Outcome>(MaxFlush);
        while (await results.WaitToReadAsync(CancellationToken.None))
        {
            while (buffer.Count < MaxFlush && results.TryRead(out var outcome))
            {
                buffer.Add(outcome);
            }

            if (buffer.Count < MaxFlush / 5 && !results.Completion.IsCompleted)
            {
                // A few milliseconds more gather a bigger batch: fewer transactions for the same results.
                await Task.Delay(FlushWindow);
                while (buffer.Count < MaxFlush && results.TryRead(out var outcome))
                {
                    buffer.Add(outcome);
                }
            }

            await FlushUntilRecordedAsync(pass, buffer);
            buffer.Clear();
        }
    }

    /// <summary>
    /// Answers already received are never dropped: a failed write (the database busy, restarting, a lost
    /// connection) is tried again with a growing pause until it succeeds, holding the pass open meanwhile. Dropping
    /// them would leave the messages claimed and Pending, and once the lease expired the provider would get every one
    /// of them again. Each write is idempotent (guarded by status and claim), so one that committed but reported a
    /// failure is harmless to repeat.
    /// </summary>
    private async Task FlushUntilRecordedAsync(Pass pass, List<Outcome> outcomes)
    {
        var pause = WriteRetryFirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await FlushAsync(pass, outcomes);
                return;
            }
            catch (Exception exception)
            {
                logger.Log(attempt < 3 ? LogLevel.Warning : LogLevel.Error, exception,
                    "Recording {Count} dispatch results failed (attempt {Attempt}); trying again in {Pause} ms",
                    outcomes.Count, attempt, (int)pause.TotalMilliseconds);
            }

            // Real time, not the injected clock: this waits for the database, not for a message's schedule.
            await Task.Delay(pause, CancellationToken.None);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, WriteRetryMaxPause.Ticks));
        }
    }

    /// <summary>Writes a batch of results in one transaction: grouped updates for the common case, one statement per message otherwise.</summary>
    private async Task FlushAsync(Pass pass, List<Outcome> outcomes)
    {
        await _writeTurn.WaitAsync(CancellationToken.None);
        try
        {
            await FlushWithinTurnAsync(pass, outcomes);
        }
        finally
        {
            _writeTurn.Release();
        }
    }

    private async Task FlushWithinTurnAsync(Pass pass, List<Outcome> outcomes)
    {
        var settings = options.Value;
        var at = pass.Clock();
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        int sent = 0, failed = 0, retried = 0, released = 0;

        var accepted = outcomes.Where(o => o.Kind == OutcomeKind.Sent).ToList();
        if (accepted.Count > 0)
        {
            var ids = accepted.Select(o => o.Item.MessageId).ToList();
            // Status == Pending: a callback that already said Delivered (or Failed) is never moved back.
            await db.Messages.Where(m => ids.Contains(m.Id) && m.Status == MessageStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, MessageStatus.Sent)
                    .SetProperty(m => m.SentAt, at)
                    .SetProperty(m => m.UpdatedAt, at)
                    .SetProperty(m => m.ErrorCode, (string?)null)
                    .SetProperty(m => m.ErrorReason, (string?)null)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                    .SetProperty(m => m.NextAttemptAt, (DateTime?)null));
            foreach (var group in accepted.GroupBy(o => o.HttpStatus))
            {
                var attemptIds = group.Select(o => o.Item.AttemptId).ToList();
                var code = group.Key;
                await db.MessageAttempts.Where(a => attemptIds.Contains(a.Id))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(a => a.Result, AttemptResult.Sent)
                        .SetProperty(a => a.HttpStatus, code)
                        .SetProperty(a => a.FinishedAt, at));
            }

            sent += accepted.Count;
        }

        foreach (var outcome in outcomes.Where(o => o.Kind != OutcomeKind.Sent))
        {
            var item = outcome.Item;
            var message = db.Messages.Where(m => m.Id == item.MessageId);
            var attempt = db.MessageAttempts.Where(a => a.Id == item.AttemptId);
            switch (outcome.Kind)
            {
                case OutcomeKind.EmailSent:
                    // The Secure Text service marked it Sent (and counted an attempt of its own).
                    await message.Where(m => m.ClaimedBy == item.Token).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Attempts, item.AttemptNumber)
                        .SetProperty(m => m.ClaimedBy, (string?)null)
                        .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                        .SetProperty(m => m.NextAttemptAt, (DateTime?)null));
                    await SetAttemptAsync(attempt, AttemptResult.Sent, null, null, at);
                    sent++;
                    break;
                case OutcomeKind.Rejected:
                    await FailAsync(message.Where(m => m.Status == MessageStatus.Pending), outcome.HttpStatus is { } code
                        ? $"HTTP_{code.ToString(CultureInfo.InvariantCulture)}" : "REJECTED", outcome.Error!, at);
                    await SetAttemptAsync(attempt, AttemptResult.Rejected, outcome.HttpStatus, outcome.Error, at);
                    failed++;
                    break;
                case OutcomeKind.OptedOut:
                    await FailAsync(message.Where(m => m.Status == MessageStatus.Pending), "OPTED_OUT", OptedOutReason, at);
                    await SetAttemptAsync(attempt, AttemptResult.Rejected, null, OptedOutReason, at);
                    failed++;
                    break;
                case OutcomeKind.Error when item.AttemptNumber >= settings.MaxAttempts:
                    await FailAsync(message.Where(m => m.Status == MessageStatus.Pending && m.ClaimedBy == item.Token), "RETRIES_EXHAUSTED",
                        Truncate($"Not accepted after {item.AttemptNumber} attempts. Last error: {outcome.Error}", 1000), at);
                    await SetAttemptAsync(attempt, AttemptResult.Error, outcome.HttpStatus, outcome.Error, at);
                    failed++;
                    break;
                case OutcomeKind.Error:
                    var next = at + DeliveryRetryPolicy.DelayAfter(item.AttemptNumber, settings, Random.Shared);
                    var note = Truncate($"Attempt {item.AttemptNumber} failed: {outcome.Error} Retrying.", 1000);
                    await message.Where(m => m.Status == MessageStatus.Pending && m.ClaimedBy == item.Token).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.NextAttemptAt, next)
                        .SetProperty(m => m.ErrorReason, note)
                        .SetProperty(m => m.UpdatedAt, at)
                        .SetProperty(m => m.ClaimedBy, (string?)null)
                        .SetProperty(m => m.ClaimedUntil, (DateTime?)null));
                    await SetAttemptAsync(attempt, AttemptResult.Error, outcome.HttpStatus, outcome.Error, at);
                    retried++;
                    break;
                default:
                    // Claimed but never sent (stopping, or the lease ran short): give the attempt back.
                    await attempt.ExecuteDeleteAsync();
                    await message.Where(m => m.ClaimedBy == item.Token).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Attempts, m => m.Attempts - 1)
                        .SetProperty(m => m.ClaimedBy, (string?)null)
                        .SetProperty(m => m.ClaimedUntil, (DateTime?)null));
                    released++;
                    break;
            }
        }

        // message.status events of the messages whose status moved (Sent, Failed), in this transaction.
        await MessageEventOutbox.RecordStatusChangesAsync(db, outcomes.Select(o => o.Item.MessageId).ToList(), CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        pass.Add(ref pass.Sent, sent);
        pass.Add(ref pass.Failed, failed);
        pass.Add(ref pass.Retried, retried);
        pass.Add(ref pass.Released, released);
        Count("sent", sent);
        Count("failed", failed);
        Count("retried", retried);
        Count("released", released);
    }

    private static Task<int> FailAsync(IQueryable<Message> message, string code, string reason, DateTime at) =>
        message.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, MessageStatus.Failed)
            .SetProperty(m => m.FailedAt, at)
            .SetProperty(m => m.UpdatedAt, at)
            .SetProperty(m => m.ErrorCode, code)
            .SetProperty(m => m.ErrorReason, reason)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
            .SetProperty(m => m.NextAttemptAt, (DateTime?)null));

    private static Task<int> SetAttemptAsync(IQueryable<MessageAttempt> attempt, AttemptResult result, int? code, string? error, DateTime at) =>
        attempt.ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Result, result)
            .SetProperty(a => a.HttpStatus, code)
            .SetProperty(a => a.Error, error)
            .SetProperty(a => a.FinishedAt, at));

    private static void Count(string outcome, int count)
    {
        if (count > 0)
        {
            DeliveryMetrics.MessagesDispatched.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>Where an account's messages go: a URL (null when <see cref="Problem"/> says why none can be used).</summary>
    private sealed record ProviderTarget(Uri? Url, AuthenticationHeaderValue? Authorization, string? SenderName, MessageType Type, bool Simulated, string? Problem);

    private sealed record WorkItem(
        long MessageId, int AccountId, long AttemptId, int AttemptNumber, string Token, DateTime LeaseUntil, MessageKind Kind,
        NotifyMethod? NotifyMethod, string? ToNumber, string Content, string Encoding, int Segments, string? SenderNumber, ProviderTarget Target,
        bool OptedOut);

    private enum OutcomeKind
    {
        Sent,
        EmailSent,
        Rejected,
        OptedOut,
        Error,
        NotSent,
    }

    private sealed record Outcome(WorkItem Item, OutcomeKind Kind, int? HttpStatus, string? Error);

    private sealed class Pass(Func<DateTime> clock, Dictionary<int, ProviderTarget> targets)
    {
        public int Claimed;
        public int Sent;
        public int Failed;
        public int Retried;
        public int Released;

        public Func<DateTime> Clock { get; } = clock;
        public Dictionary<int, ProviderTarget> Targets { get; } = targets;

        public void Add(ref int counter, int count) => Interlocked.Add(ref counter, count);
    }
}

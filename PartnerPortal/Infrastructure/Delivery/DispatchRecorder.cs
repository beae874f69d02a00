using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>
/// The dispatcher's record step: results written in batches through <see cref="MessageLifecycle"/> (a status never
/// moves backwards, and a lost claim never clears another's), each attempt's outcome on its <see cref="MessageAttempt"/>,
/// and the <c>message.status</c> events in the same transaction. Failed sends are retried with
/// <see cref="DeliveryOptions.Backoff"/> and Failed after <see cref="DeliveryOptions.MaxAttempts"/>.
/// </summary>
internal sealed class DispatchRecorder(IDbContextFactory<ApplicationDbContext> dbFactory, WriteTurn writeTurn, IOptions<DeliveryOptions> options, ILogger logger)
{
    private const int MaxFlush = 500;
    private static readonly TimeSpan FlushWindow = TimeSpan.FromMilliseconds(10);
    private static readonly Backoff WriteRetry = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5));

    public async Task WriteResultsAsync(DispatchPass pass, ChannelReader<Outcome> results)
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
    private async Task FlushUntilRecordedAsync(DispatchPass pass, List<Outcome> outcomes)
    {
        for (var attempt = 1; ; attempt++)
        {
            var pause = WriteRetry.BaseDelayAfter(attempt);
            try
            {
                await writeTurn.RunAsync(() => FlushAsync(pass, outcomes), CancellationToken.None);
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
        }
    }

    /// <summary>Writes a batch of results in one transaction: grouped updates for the common case, one statement per message otherwise.</summary>
    private async Task<bool> FlushAsync(DispatchPass pass, List<Outcome> outcomes)
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
            await MessageLifecycle.MarkSentAsync(db.Messages.Where(m => ids.Contains(m.Id)), at);
            foreach (var group in accepted.GroupBy(o => o.HttpStatus))
            {
                var attemptIds = group.Select(o => o.Item.AttemptId).ToList();
                await SetAttemptAsync(db.MessageAttempts.Where(a => attemptIds.Contains(a.Id)), AttemptResult.Sent, group.Key, null, at);
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
                    // The Secure Text service marked it Sent with its audit entry; the claim ends here.
                    await MessageLifecycle.EndClaimAsync(message, item.Token);
                    await SetAttemptAsync(attempt, AttemptResult.Sent, null, null, at);
                    sent++;
                    break;
                case OutcomeKind.Rejected:
                    await MessageLifecycle.FailAsync(message, outcome.HttpStatus is { } code
                        ? $"HTTP_{code.ToString(CultureInfo.InvariantCulture)}" : "REJECTED", outcome.Error!, at);
                    await SetAttemptAsync(attempt, AttemptResult.Rejected, outcome.HttpStatus, outcome.Error, at);
                    failed++;
                    break;
                case OutcomeKind.OptedOut:
                    await MessageLifecycle.FailAsync(message, "OPTED_OUT", MessageDispatcher.OptedOutReason, at);
                    await SetAttemptAsync(attempt, AttemptResult.Rejected, null, MessageDispatcher.OptedOutReason, at);
                    failed++;
                    break;
                case OutcomeKind.Error when item.AttemptNumber >= settings.MaxAttempts:
                    await MessageLifecycle.FailAsync(message.Where(m => m.ClaimedBy == item.Token), "RETRIES_EXHAUSTED",
                        $"Not accepted after {item.AttemptNumber} attempts. Last error: {outcome.Error}", at);
                    await SetAttemptAsync(attempt, AttemptResult.Error, outcome.HttpStatus, outcome.Error, at);
                    failed++;
                    break;
                case OutcomeKind.Error:
                    var next = at + settings.Backoff.DelayAfter(item.AttemptNumber, Random.Shared);
                    await MessageLifecycle.ScheduleRetryAsync(message, item.Token, next, $"Attempt {item.AttemptNumber} failed: {outcome.Error} Retrying.", at);
                    await SetAttemptAsync(attempt, AttemptResult.Error, outcome.HttpStatus, outcome.Error, at);
                    retried++;
                    break;
                default:
                    // Claimed but never sent (stopping, or the lease ran short): the attempt is given back.
                    await attempt.ExecuteDeleteAsync();
                    await MessageLifecycle.ReleaseAsync(message, item.Token);
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
        return true;
    }

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
}

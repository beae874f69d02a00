using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>
/// The dispatcher's claim: due messages in batches, taken with one conditional UPDATE (so two dispatchers never own a
/// row at the same time, and a crashed process's claims are taken over once their lease expires), each attempt recorded
/// (<see cref="MessageAttempt"/>, counted by <see cref="MessageLifecycle.ClaimAsync"/>) in the claim's transaction,
/// before anything is sent.
/// </summary>
internal sealed class DispatchClaims(
    IDbContextFactory<ApplicationDbContext> dbFactory, ProviderTargets targets, WriteTurn writeTurn, string instanceId, IOptions<DeliveryOptions> options)
{
    private long _batches;

    /// <summary>Claims one batch and records its attempts; <c>Found</c> is false when nothing was due.</summary>
    public Task<(List<WorkItem> Items, bool Found)> ClaimAsync(DispatchPass pass, CancellationToken cancellationToken)
    {
        var at = pass.Clock();
        return writeTurn.RunAsync(() => ClaimWithinTurnAsync(pass, at, cancellationToken), cancellationToken);
    }

    private async Task<(List<WorkItem> Items, bool Found)> ClaimWithinTurnAsync(DispatchPass pass, DateTime at, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // A send starts only while a whole request timeout is left on the lease, so the lease is at least two timeouts.
        var until = at + (settings.ClaimLease > 2 * settings.Timeout ? settings.ClaimLease : 2 * settings.Timeout);
        var token = $"{instanceId}:{Interlocked.Increment(ref _batches).ToString(CultureInfo.InvariantCulture)}";
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
            : await db.Messages.Due(at)
                .OrderBy(m => m.Id)
                .Select(m => m.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return ([], false);
        }

        // The conditions are repeated on the rows themselves: a row another dispatcher claimed meanwhile is skipped.
        var claimed = await MessageLifecycle.ClaimAsync(db.Messages.Where(m => candidates.Contains(m.Id)), at, token, until, cancellationToken);
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
                pass.Targets[accountId] = targets.For(stored.FirstOrDefault(s => s.AccountId == accountId));
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
}

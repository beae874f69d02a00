using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;

namespace PartnerPortal.Domain.Delivery;

/// <summary>
/// The refused provider callbacks of each account, as shown on its SMS Settings. Kept in memory and written at most once
/// per <see cref="WriteInterval"/> per account, so a flood of forged requests does not become a flood of writes.
/// </summary>
public sealed class RefusedCallbackCounter(IDbContextFactory<ApplicationDbContext> dbFactory, TimeProvider time)
{
    public static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, RefusalTally> _refusals = new();

    /// <summary>
    /// Counts a refusal. The account's count on SMS Settings is written at most once per <see cref="WriteInterval"/>
    /// (the refusals since the last write added at once; <see cref="WriteAsync"/> writes the rest), so a flood
    /// of forged requests does not become a flood of writes.
    /// </summary>
    public async Task CountAsync(ApplicationDbContext db, int accountId, string message, DateTime now)
    {
        var tally = _refusals.GetOrAdd(accountId, _ => new RefusalTally());
        int count;
        lock (tally)
        {
            tally.Unwritten++;
            tally.LastAt = now;
            tally.LastReason = message;
            if (tally.WrittenAt is { } written && now - written < WriteInterval && now >= written)
            {
                return;
            }

            (count, tally.Unwritten, tally.WrittenAt) = (tally.Unwritten, 0, now);
        }

        await AddRefusalsAsync(db, accountId, count, now, message);
    }

    /// <summary>Writes the refusals counted in memory and not yet on the accounts' SMS Settings (a background loop calls it).</summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
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
}

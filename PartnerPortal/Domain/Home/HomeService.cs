using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Home;

/// <summary>What needs attention in the signed-in user's scope.</summary>
public sealed record HomeSummary(
    string ScopeName,
    int Accounts,
    int IncompleteAccounts,
    int PendingNumbers,
    int RejectedNumbers,
    int ApprovedNumbers,
    int OpenOptOutReviews = 0);

public sealed class HomeService(IDbContextFactory<ApplicationDbContext> dbFactory, ICurrentActor currentActor)
{
    public async Task<HomeSummary> GetSummaryAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var accounts = db.Accounts.AsNoTracking().VisibleTo(actor);
        var total = await accounts.CountAsync(cancellationToken);
        var incomplete = await accounts.CountAsync(a => !a.SmsDetailsComplete, cancellationToken);

        var numbers = db.SmsNumbers.AsNoTracking().Where(n => db.Locations.VisibleTo(actor).Any(l => l.Id == n.LocationId));
        var byStatus = await numbers.GroupBy(n => n.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int CountOf(SmsNumberStatus status) => byStatus.FirstOrDefault(s => s.Status == status)?.Count ?? 0;

        return new HomeSummary(
            await ScopeNameAsync(db, actor, cancellationToken),
            total,
            incomplete,
            CountOf(SmsNumberStatus.Pending),
            CountOf(SmsNumberStatus.Rejected),
            CountOf(SmsNumberStatus.Approved),
            await Delivery.OptOutReviewService.CountOpenAsync(db, actor, cancellationToken));
    }

    private static async Task<string> ScopeNameAsync(ApplicationDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        if (actor.IsOperator || actor.IsSystem)
        {
            return "All partners";
        }

        if (actor.AccountId is { } accountId)
        {
            return await db.Accounts.AsNoTracking().VisibleTo(actor).Where(a => a.Id == accountId)
                .Select(a => a.BusinessName).FirstOrDefaultAsync(cancellationToken) ?? "";
        }

        return await db.Partners.AsNoTracking().VisibleTo(actor)
            .Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
    }
}

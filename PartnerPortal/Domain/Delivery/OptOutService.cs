using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Delivery;

/// <summary>A number currently opted out of the account's texts.</summary>
public sealed record OptOutSummary(string Phone, string? RecipientName, string Keyword, DateTime OptedOutAt, string? Reason = null);

/// <summary>One opt-out or opt-in, as it arrived from the provider.</summary>
public sealed record OptOutEvent(DateTime At, InboundAction Action, string Phone, string? RecipientName, string? Keyword);

public sealed record OptOutPage<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>The account page's opt-outs: the numbers opted out now, and the history of opt-outs and opt-ins.</summary>
public sealed class OptOutService(IDbContextFactory<ApplicationDbContext> dbFactory, ICurrentActor currentActor)
{
    public const int MaxPageSize = 100;

    public async Task<Result<OptOutPage<OptOutSummary>>> ListCurrentAsync(int accountId, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.ReadMessages))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Accounts.AsNoTracking().VisibleTo(actor).AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return Error.NotFound("The account");
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.OptOuts.AsNoTracking().Where(o => o.AccountId == accountId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(o => o.OptedOutAt).ThenByDescending(o => o.Id)
            .Skip(Math.Max(0, page) * size).Take(size)
            .Select(o => new OptOutSummary(
                o.Phone,
                db.Recipients.Where(r => r.AccountId == accountId && r.Mobile == o.Phone)
                    .OrderBy(r => r.Id)
                    .Select(r => ((r.FirstName ?? "") + " " + (r.LastName ?? "")).Trim())
                    .FirstOrDefault(),
                o.Keyword,
                o.OptedOutAt,
                o.Reason))
            .ToListAsync(cancellationToken);
        return Result<OptOutPage<OptOutSummary>>.Ok(new OptOutPage<OptOutSummary>(items, total));
    }

    public async Task<Result<OptOutPage<OptOutEvent>>> ListHistoryAsync(int accountId, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.ReadMessages))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Accounts.AsNoTracking().VisibleTo(actor).AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return Error.NotFound("The account");
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.InboundMessages.AsNoTracking()
            .Where(m => m.AccountId == accountId && (m.Action == InboundAction.OptOut || m.Action == InboundAction.OptIn));
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Skip(Math.Max(0, page) * size).Take(size)
            .Select(m => new OptOutEvent(
                m.ReceivedAt,
                m.Action,
                m.FromNumber,
                db.Recipients.Where(r => r.Id == m.RecipientId).Select(r => ((r.FirstName ?? "") + " " + (r.LastName ?? "")).Trim()).FirstOrDefault(),
                m.Keyword))
            .ToListAsync(cancellationToken);
        return Result<OptOutPage<OptOutEvent>>.Ok(new OptOutPage<OptOutEvent>(items, total));
    }
}

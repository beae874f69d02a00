using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Reports;

/// <summary>
/// Texting reports per account and UTC calendar month of creation (issue 8, DESIGN §7), one SQL GROUP BY over the
/// <c>IX_Messages_Report</c> covering index; the figures are defined on <see cref="AccountMonthRow"/>. PartnerAdmin and
/// SupportAgent see their partner's accounts, an Operator every partner (filterable by one); another tenant's account or
/// partner is answered as not found.
/// </summary>
public sealed class ReportService(IDbContextFactory<ApplicationDbContext> dbFactory, ICurrentActor currentActor)
{
    public const string DateRangeField = "dateRange";
    public const int MaxMonths = 60;

    /// <summary>The figures per account and month for <paramref name="filter"/>.</summary>
    public async Task<Result<MessageReport>> GetReportAsync(ReportFilter filter, CancellationToken cancellationToken)
    {
        if (filter.From > filter.To)
        {
            return Error.ForField(DateRangeField, "The start date must be on or before the end date.");
        }

        var months = MonthsOf(filter);
        if (months.Count > MaxMonths)
        {
            return Error.ForField(DateRangeField, $"Choose a range of at most {MaxMonths / 12} years.");
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = ScopedAccounts(db, actor, filter.PartnerId);
        if (filter.PartnerId is { } partnerId && !await db.Partners.VisibleTo(actor).AnyAsync(p => p.Id == partnerId, cancellationToken))
        {
            return Error.NotFound("The partner");
        }

        if (filter.AccountId is { } accountId)
        {
            if (!await accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
            {
                return Error.NotFound("The account");
            }

            accounts = accounts.Where(a => a.Id == accountId);
        }

        // A month with only Pending messages has nothing to report: no row.
        var figures = (await FiguresQuery(db, accounts, filter).ToListAsync(cancellationToken))
            .Where(f => f.Sent + f.Delivered + f.Failed > 0)
            .ToList();
        var accountIds = figures.Select(f => f.AccountId).Distinct().ToList();
        var names = await accounts.AsNoTracking()
            .Where(a => accountIds.Contains(a.Id))
            .Select(a => new ReportAccountOption(a.Id, a.PartnerId, a.ExternalId, a.BusinessName, a.Partner.DisplayName))
            .ToDictionaryAsync(a => a.Id, cancellationToken);

        var rows = figures
            .Select(f => new AccountMonthFigures(names[f.AccountId], f.Year, f.Month, new ReportFigures(f.Sent, f.Segments, f.Delivered, f.Failed)))
            .OrderBy(r => r.Account.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Account.Id)
            .ThenBy(r => r.Year).ThenBy(r => r.Month)
            .ToList();
        var byMonth = rows.GroupBy(r => (r.Year, r.Month))
            .ToDictionary(g => g.Key, g => g.Aggregate(default(ReportFigures), (sum, r) => sum + r.Figures));
        var monthTotals = months
            .Select(m => new MonthFigures(m.Year, m.Month, byMonth.GetValueOrDefault((m.Year, m.Month))))
            .ToList();
        var total = monthTotals.Aggregate(default(ReportFigures), (sum, m) => sum + m.Figures);
        return Result<MessageReport>.Ok(new MessageReport(filter, rows, monthTotals, total));
    }

    /// <summary>
    /// The report's one SQL statement: a UNION ALL of one GROUP BY account per calendar month of the range (month boundaries
    /// computed here in UTC), so SQLite streams the groups in <c>IX_Messages_Report</c> order, never sorting or computing a
    /// month per row (README, Benchmarks: Reports). Public so tests and the benchmark can read it with <c>ToQueryString()</c>.
    /// </summary>
    public static IQueryable<AccountMonthRow> FiguresQuery(ApplicationDbContext db, IQueryable<Account> accounts, ReportFilter filter)
    {
        // "AccountId IN (SELECT Id …)" lets SQLite walk the index in account order (no sort for the GROUP BY).
        var accountIds = accounts.Select(a => a.Id);
        IQueryable<AccountMonthRow>? union = null;
        foreach (var (year, month) in MonthsOf(filter))
        {
            var monthStart = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
            var start = Max(monthStart, filter.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            var end = Min(monthStart.AddMonths(1), filter.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            var monthRows =
                from m in db.Messages.AsNoTracking()
                where accountIds.Contains(m.AccountId) && m.CreatedAt >= start && m.CreatedAt < end
                group m by m.AccountId into g
                // Member initialisation (not a constructor) keeps the projection in SQL, which UNION ALL needs.
                select new AccountMonthRow
                {
                    AccountId = g.Key,
                    Year = year,
                    Month = month,
                    Sent = g.Count(m => m.Status == MessageStatus.Sent || m.Status == MessageStatus.Delivered
                        || (m.Status == MessageStatus.Failed && m.SentAt != null)),
                    Segments = g.Sum(m => m.Status == MessageStatus.Sent || m.Status == MessageStatus.Delivered
                        || (m.Status == MessageStatus.Failed && m.SentAt != null) ? m.SegmentCount : 0),
                    Delivered = g.Count(m => m.Status == MessageStatus.Delivered),
                    Failed = g.Count(m => m.Status == MessageStatus.Failed),
                };
            union = union is null ? monthRows : union.Concat(monthRows);
        }

        return union ?? throw new ArgumentException("The filter's start is after its end.", nameof(filter));
    }

    /// <summary>The accounts the actor may filter by (of <paramref name="partnerId"/> when given), by name, at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<ReportAccountOption>> SearchAccountsAsync(int? partnerId, string? search, int take, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = ScopedAccounts(db, actor, partnerId).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            accounts = accounts.Where(a => EF.Functions.Like(a.BusinessName, pattern, "\\") || EF.Functions.Like(a.ExternalId, pattern, "\\"));
        }

        return await accounts
            .OrderBy(a => a.BusinessName).ThenBy(a => a.Id)
            .Take(Math.Clamp(take, 1, 100))
            .Select(a => new ReportAccountOption(a.Id, a.PartnerId, a.ExternalId, a.BusinessName, a.Partner.DisplayName))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The partners the actor sees (all for an Operator, its own for partner users), by name.</summary>
    public async Task<IReadOnlyList<ReportPartnerOption>> ListPartnersAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Partners.AsNoTracking().VisibleTo(actor)
            .OrderBy(p => p.DisplayName).ThenBy(p => p.Id)
            .Select(p => new ReportPartnerOption(p.Id, p.DisplayName))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every calendar month the filter touches, in order.</summary>
    public static IReadOnlyList<(int Year, int Month)> MonthsOf(ReportFilter filter)
    {
        var months = new List<(int, int)>();
        if (filter.From > filter.To)
        {
            return months;
        }

        var month = new DateOnly(filter.From.Year, filter.From.Month, 1);
        while (month <= filter.To && months.Count <= MaxMonths)
        {
            months.Add((month.Year, month.Month));
            month = month.AddMonths(1);
        }

        return months;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static IQueryable<Account> ScopedAccounts(ApplicationDbContext db, Actor actor, int? partnerId)
    {
        var accounts = db.Accounts.VisibleTo(actor);
        return partnerId is { } id ? accounts.Where(a => a.PartnerId == id) : accounts;
    }
}

/// <summary>One account-month group as SQL computes it.</summary>
public sealed record AccountMonthRow
{
    public int AccountId { get; init; }
    public int Year { get; init; }
    public int Month { get; init; }
    /// <summary>Messages that left us: Sent, Delivered, or Failed with a sent time (accepted, failure reported later); not Pending or refused.</summary>
    public int Sent { get; init; }
    /// <summary>The credits of the <see cref="Sent"/> messages.</summary>
    public int Segments { get; init; }
    public int Delivered { get; init; }
    /// <summary>Refused by the provider or reported failed. Still-Sent messages count in neither, so the delivery rate ignores them.</summary>
    public int Failed { get; init; }
}

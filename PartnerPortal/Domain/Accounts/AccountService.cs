using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Accounts;

/// <summary>
/// The Accounts list (server-side paged, searched, sorted and filtered on the stored completeness),
/// its counts and CSV export, an account's details with the SMS Business Details rule's result, and
/// editing account information. Every query is scoped to the actor; another tenant's account is
/// answered as not found.
/// </summary>
public sealed class AccountService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    private const int ExportBatchSize = 1000;

    /// <summary>One page of accounts and the number of accounts matching the search and filter.</summary>
    public async Task<AccountList> ListAsync(AccountQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // One connection for the count and the page.
        await using var connection = await ConnectionScope.OpenAsync(db, cancellationToken);
        var visible = db.Accounts.AsNoTracking().VisibleTo(actor);
        var matching = AccountQueries.Matching(db, visible, query);
        var total = query.KnownTotal ?? await AccountQueries.CountAsync(db, actor, visible, query, cancellationToken);
        if (total == 0)
        {
            return new AccountList([], 0);
        }

        var pageSize = Math.Clamp(query.PageSize, 1, AccountQuery.MaxPageSize);
        var ordered = AccountQueries.Ordered(AccountQueries.After(matching, query, NullsFirstAscending(db)), query);
        var page = query.After is null ? ordered.Skip(Math.Max(query.Page, 0) * pageSize) : ordered;
        var items = await page.Take(pageSize).Select(AccountQueries.ToSummary).ToListAsync(cancellationToken);
        return new AccountList(items, total);
    }

    /// <summary>How many accounts in the actor's scope are complete, incomplete, and complete through the partner's website.</summary>
    public async Task<AccountCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var groups = await AccountQueries.TalliesAsync(db, actor, cancellationToken)
            ?? await db.Accounts.AsNoTracking().VisibleTo(actor)
                .GroupBy(a => new { a.SmsDetailsComplete, a.HasOwnWebsite })
                .Select(g => new AccountQueries.Tally(g.Key.SmsDetailsComplete, g.Key.HasOwnWebsite, g.Count()))
                .ToListAsync(cancellationToken);
        var complete = groups.Where(g => g.SmsDetailsComplete).Sum(g => g.Count);
        var incomplete = groups.Where(g => !g.SmsDetailsComplete).Sum(g => g.Count);
        var partnerWebsite = groups.Where(g => g.SmsDetailsComplete && !g.HasOwnWebsite).Sum(g => g.Count);
        return new AccountCounts(complete + incomplete, complete, incomplete, partnerWebsite);
    }

    /// <summary>The account's information and the SMS Business Details rule's result; not found outside the actor's scope.</summary>
    public async Task<Result<AccountDetails>> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().VisibleTo(actor)
            .Include(a => a.Partner)
            .FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        return account is null ? Error.NotFound("The account") : Result<AccountDetails>.Ok(ToDetails(account, actor));
    }

    /// <summary>
    /// Changes the account information. Partner admins and support agents may change every field;
    /// practice staff of the account only the fields the rule reports as missing or invalid. The
    /// stored completeness is refreshed and the change audited with its field changes (the one save
    /// path of <see cref="AccountSaving"/>, shared with "New account" and the Partner API).
    /// </summary>
    public async Task<Result<AccountDetails>> UpdateAsync(int accountId, AccountUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.VisibleTo(actor)
            .Include(a => a.Partner)
            .FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return Error.NotFound("The account");
        }

        var saved = await AccountSaving.SaveAsync(db, auditLog, actor, account.Partner, account, account.ExternalId, update,
            CreatedThrough.Portal, time.GetUtcNow().UtcDateTime, cancellationToken);
        return saved.Succeeded ? Result<AccountDetails>.Ok(ToDetails(account, actor)) : Result<AccountDetails>.Fail(saved.Errors);
    }

    /// <summary>
    /// "New account": a partner admin creates an account of its partner with the fields and checks of
    /// <c>PracticeSave/1.1</c> (the same path); it gets a "Default Location". 4030 for anyone else.
    /// </summary>
    public async Task<Result<AccountDetails>> CreateAsync(NewAccount newAccount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newAccount);
        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.PartnerId is not { } partnerId || !AccountSaving.CanCreate(actor, partnerId))
        {
            return PortalPolicies.Refusal;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.VisibleTo(actor).FirstOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        if (partner is null)
        {
            return Error.NotFound("The partner");
        }

        var saved = await AccountSaving.SaveAsync(db, auditLog, actor, partner, null, newAccount.AccountId, newAccount.Information,
            CreatedThrough.Portal, time.GetUtcNow().UtcDateTime, cancellationToken);
        return saved.Succeeded ? Result<AccountDetails>.Ok(ToDetails(saved.Value!.Account, actor)) : Result<AccountDetails>.Fail(saved.Errors);
    }

    /// <summary>
    /// Deactivates (or reactivates) an account: a deactivated account keeps its history and stays readable, but cannot
    /// send (<see cref="Messaging.SendService"/> refuses). Partner admins of its partner only (4030); audited.
    /// </summary>
    public async Task<Result<AccountDetails>> SetActiveAsync(int accountId, bool active, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.VisibleTo(actor)
            .Include(a => a.Partner)
            .FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return Error.NotFound("The account");
        }

        if (!CanAdminister(actor, account.PartnerId))
        {
            return PortalPolicies.Refusal;
        }

        if ((account.DeactivatedAt is null) == active)
        {
            return Result<AccountDetails>.Ok(ToDetails(account, actor));
        }

        var now = time.GetUtcNow().UtcDateTime;
        account.DeactivatedAt = active ? null : now;
        account.UpdatedAt = now;
        await auditLog.InTransactionAsync(db, async () =>
        {
            // A deactivated account cannot send: its scheduled texts are cancelled with it (Failed, with the reason).
            var cancelled = active ? 0 : await ScheduledTextService.CancelForAccountAsync(
                db, account.Id, $"Cancelled: the account {account.BusinessName} was deactivated.", now, cancellationToken);
            auditLog.Add(db, actor, new AuditRecord(
                active ? "account.reactivated" : "account.deactivated", nameof(Account), account.Id.ToString(CultureInfo.InvariantCulture),
                $"Account {account.BusinessName} ({account.ExternalId}) {(active ? "reactivated" : "deactivated")}" +
                (cancelled > 0 ? $"; {cancelled} scheduled texts cancelled" : ""),
                account.PartnerId, account.Id,
                [new FieldChange("Status", active ? "Deactivated" : "Active", active ? "Active" : "Deactivated")]));
        }, cancellationToken);
        return Result<AccountDetails>.Ok(ToDetails(account, actor));
    }

    /// <summary>Partner admins of the partner (and the system) change its accounts' status and locations.</summary>
    internal static bool CanAdminister(Actor actor, int partnerId) =>
        actor.IsSystem || (actor.Can(PortalPolicies.AdministerPartner) && actor.PartnerId == partnerId && actor.AccountId is null);

    /// <summary>
    /// The accounts matching the query's search and filter (all pages, in its order) as CSV, with each
    /// account's missing or invalid fields from the SMS Business Details rule: a fix list for support.
    /// </summary>
    public async Task<Result<AccountExport>> ExportCsvAsync(AccountQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.ReadPartnerData))
        {
            return PortalPolicies.Refusal;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partners = new Dictionary<int, PartnerContactInfo>();
        var csv = new StringBuilder();
        Csv.AppendRow(csv,
        [
            "Account ID", "Business Name", "Address 1", "Address 2", "City", "State", "Postal Code", "Country",
            "Website URL", "Alternative Website URL", "SMS Business Details", "Uses Partner Website", "Missing Fields",
            "Updated At (UTC)",
        ]);

        var rows = 0;
        var batchQuery = query with { After = null };
        while (true)
        {
            var matching = AccountQueries.Matching(db, db.Accounts.AsNoTracking().VisibleTo(actor), batchQuery);
            var batch = await AccountQueries.Ordered(AccountQueries.After(matching, batchQuery, NullsFirstAscending(db)), batchQuery)
                .Take(ExportBatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            await LoadPartnersAsync(db, actor, batch.Select(a => a.PartnerId), partners, cancellationToken);
            foreach (var account in batch)
            {
                var result = SmsBusinessDetailsRule.Evaluate(account.ToInfo(), partners[account.PartnerId]);
                Csv.AppendRow(csv,
                [
                    account.ExternalId, account.BusinessName, account.Address1, account.Address2, account.City,
                    account.State, account.PostalCode, account.CountryCode, account.WebsiteUrl, account.AlternativeWebsiteUrl,
                    result.IsComplete ? "Complete" : "Incomplete",
                    result.UsesPartnerWebsite ? "Yes" : "No",
                    string.Join("; ", result.Problems.Select(DescribeProblem)),
                    account.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                ]);
            }

            rows += batch.Count;
            var last = batch[^1];
            batchQuery = batchQuery with { After = AccountQueries.CursorOf(last) };
        }

        auditLog.Add(db, actor, new AuditRecord("accounts.exported", nameof(Account), null,
            $"Exported {rows} accounts as CSV (SMS Business Details: {query.Filter}{(string.IsNullOrWhiteSpace(query.Search) ? "" : ", with a search")})"));
        await auditLog.SaveChangesAsync(db, cancellationToken);

        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return Result<AccountExport>.Ok(new AccountExport($"accounts-{stamp}.csv", content, rows));
    }

    /// <summary>"Street Address (missing)", "Contact Phone (invalid, partner business details)".</summary>
    public static string DescribeProblem(CompletenessProblem problem)
    {
        var reason = problem.Reason == ProblemReason.Missing ? "missing" : "invalid";
        return problem.Where == FixLocation.Partner
            ? $"{problem.Label} ({reason}, partner business details)"
            : $"{problem.Label} ({reason})";
    }

    private static async Task LoadPartnersAsync(ApplicationDbContext db, Actor actor, IEnumerable<int> partnerIds,
        Dictionary<int, PartnerContactInfo> partners, CancellationToken cancellationToken)
    {
        var missing = partnerIds.Distinct().Where(id => !partners.ContainsKey(id)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var loaded = await db.Partners.AsNoTracking().VisibleTo(actor)
            .Where(p => missing.Contains(p.Id))
            .Select(p => new { p.Id, p.BusinessDetails })
            .ToListAsync(cancellationToken);
        foreach (var partner in loaded)
        {
            partners[partner.Id] = partner.BusinessDetails.ToContactInfo();
        }

        foreach (var id in missing.Where(id => !partners.ContainsKey(id)))
        {
            partners[id] = new PartnerContactInfo(null, null, null, null, null);
        }
    }

    private static bool NullsFirstAscending(ApplicationDbContext db) => db.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL";

    private static AccountDetails ToDetails(Account account, Actor actor)
    {
        var result = AccountCompleteness.Evaluate(account, account.Partner.BusinessDetails);
        var scope = !actor.CanEditAccount(account.PartnerId, account.Id) ? AccountEditScope.None
            : actor.IsPracticeStaff ? AccountEditScope.MissingFieldsOnly
            : AccountEditScope.All;
        IReadOnlyList<string> editable = scope switch
        {
            AccountEditScope.All => AccountInformationValidator.Labels.Keys.ToList(),
            AccountEditScope.MissingFieldsOnly => result.Problems.SelectMany(AccountInformationValidator.FieldsFor).Distinct().ToList(),
            _ => [],
        };

        return new AccountDetails(
            account.Id, account.ExternalId, account.PartnerId, account.Partner.Slug, account.BusinessName,
            account.Address1, account.Address2, account.City, account.State, account.PostalCode, account.CountryCode,
            account.WebsiteUrl, account.AlternativeWebsiteUrl, account.CreatedThrough, account.CreatedAt, account.UpdatedAt,
            result, scope, editable, account.PracticePhone, account.DeactivatedAt is null, CanAdminister(actor, account.PartnerId));
    }
}

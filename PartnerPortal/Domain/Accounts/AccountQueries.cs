using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Accounts;

/// <summary>
/// The query parts of the Accounts list: search and completeness filter, order (every order ends with
/// the id, so it is total), and keyset continuation. Each order has an index on
/// <c>(PartnerId, key, Id)</c> (see AccountConfiguration), so a page is an index range read however deep it is.
/// </summary>
internal static class AccountQueries
{
    public static readonly Expression<Func<Account, AccountSummary>> ToSummary = a => new AccountSummary(
        a.Id,
        a.ExternalId,
        a.BusinessName,
        a.City,
        a.State,
        a.SmsDetailsComplete,
        !a.HasOwnWebsite
            && (a.WebsiteUrl == null || a.WebsiteUrl.Trim() == "")
            && (a.AlternativeWebsiteUrl == null || a.AlternativeWebsiteUrl.Trim() == ""),
        a.UpdatedAt,
        a.DeactivatedAt == null);

    /// <summary>Searches this long or longer are served by the trigram index (SQLite, migration AddAccountSearchIndex); shorter ones read every account.</summary>
    public const int IndexedSearchMinLength = 3;

    public static IQueryable<Account> Matching(ApplicationDbContext db, IQueryable<Account> accounts, AccountQuery query)
    {
        accounts = Filtered(accounts, query);
        if (IndexedSearch(db, query) is { } ids)
        {
            return accounts.Where(a => ids.Contains(a.Id));
        }

        var search = query.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            var pattern = "%" + EscapeLike(search.ToLowerInvariant()) + "%";
            accounts = accounts.Where(a =>
                EF.Functions.Like(a.BusinessName.ToLower(), pattern, "\\")
                || EF.Functions.Like(a.ExternalId.ToLower(), pattern, "\\")
                || (a.City != null && EF.Functions.Like(a.City.ToLower(), pattern, "\\")));
        }

        return accounts;
    }

    /// <summary>
    /// How many accounts of <paramref name="accounts"/> (the actor's) match the query. Without a search, from the tallies
    /// (<see cref="TalliesAsync"/>) where there are some. A search served by the trigram index is counted from the index's
    /// answer, each matching id looked up by key (a few thousand lookups), instead of letting SQLite walk every account of
    /// the partner checking it against that answer (22 against 7 ms at 100,000 accounts).
    /// </summary>
    public static async Task<int> CountAsync(ApplicationDbContext db, Actor actor, IQueryable<Account> accounts, AccountQuery query,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query.Search) && await TalliesAsync(db, actor, cancellationToken) is { } tallies)
        {
            return tallies.Where(t => query.Filter == CompletenessFilter.All || t.SmsDetailsComplete == (query.Filter == CompletenessFilter.Complete))
                .Sum(t => t.Count);
        }

        if (IndexedSearch(db, query) is { } ids)
        {
            var filtered = Filtered(accounts, query);
            return await ids.CountAsync(id => filtered.Any(a => a.Id == id), cancellationToken);
        }

        return await Matching(db, accounts, query).CountAsync(cancellationToken);
    }

    private static IQueryable<Account> Filtered(IQueryable<Account> accounts, AccountQuery query)
    {
        if (query.Filter == CompletenessFilter.All)
        {
            return accounts;
        }

        // Compared with a parameter (not NOT column) so SQLite can seek the (.., SmsDetailsComplete, ..) index.
        var complete = query.Filter == CompletenessFilter.Complete;
        return accounts.Where(a => a.SmsDetailsComplete == complete);
    }

    /// <summary>
    /// The ids of the accounts whose name, account ID or city contain the search, from the trigram index (SQLite, 3+
    /// characters); null when the search is not served by it.
    /// </summary>
    private static IQueryable<int>? IndexedSearch(ApplicationDbContext db, AccountQuery query)
    {
        var search = query.Search?.Trim();
        if (search is not { Length: >= IndexedSearchMinLength } || db.Database.ProviderName != "Microsoft.EntityFrameworkCore.Sqlite")
        {
            return null;
        }

        // One phrase (quotes doubled): the trigram tokenizer matches it as a substring of any of the three columns,
        // case-insensitively, as the LIKE of other providers does, from the index instead of reading every account.
        var phrase = "\"" + search.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"AccountSearch\" WHERE \"AccountSearch\" MATCH {phrase}");
    }

    /// <summary>One row of the tallies SQLite keeps by trigger (migration AddAccountTallies).</summary>
    public sealed record Tally(bool SmsDetailsComplete, bool HasOwnWebsite, int Count);

    /// <summary>
    /// The accounts the actor sees, tallied by completeness and own website, read from the tallies SQLite keeps by trigger
    /// (one row per partner and pair, whatever the number of accounts); null when they must be counted: another provider,
    /// or an actor who sees one account (a practice's staff), not whole partners.
    /// </summary>
    public static async Task<IReadOnlyList<Tally>?> TalliesAsync(ApplicationDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName != "Microsoft.EntityFrameworkCore.Sqlite" || actor.AccountId is not null)
        {
            return null;
        }

        if (actor.IsSystem || actor.IsOperator)
        {
            return await db.Database.SqlQuery<Tally>($"""
                SELECT "SmsDetailsComplete", "HasOwnWebsite", SUM("Count") AS "Count" FROM "AccountTallies" GROUP BY "SmsDetailsComplete", "HasOwnWebsite"
                """).ToListAsync(cancellationToken);
        }

        if (actor.PartnerId is not { } partnerId || actor.Role is null)
        {
            return [];
        }

        return await db.Database.SqlQuery<Tally>($"""
            SELECT "SmsDetailsComplete", "HasOwnWebsite", "Count" FROM "AccountTallies" WHERE "PartnerId" = {partnerId}
            """).ToListAsync(cancellationToken);
    }

    public static IOrderedQueryable<Account> Ordered(IQueryable<Account> accounts, AccountQuery query) => (query.Sort, query.Descending) switch
    {
        (AccountSort.AccountId, false) => accounts.OrderBy(a => a.ExternalId).ThenBy(a => a.Id),
        (AccountSort.AccountId, true) => accounts.OrderByDescending(a => a.ExternalId).ThenByDescending(a => a.Id),
        (AccountSort.City, false) => accounts.OrderBy(a => a.City).ThenBy(a => a.Id),
        (AccountSort.City, true) => accounts.OrderByDescending(a => a.City).ThenByDescending(a => a.Id),
        (AccountSort.Updated, false) => accounts.OrderBy(a => a.UpdatedAt).ThenBy(a => a.Id),
        (AccountSort.Updated, true) => accounts.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id),
        (_, true) => accounts.OrderByDescending(a => a.BusinessName).ThenByDescending(a => a.Id),
        _ => accounts.OrderBy(a => a.BusinessName).ThenBy(a => a.Id),
    };

    /// <summary>
    /// Keyset continuation: the rows that come after <see cref="AccountQuery.After"/> in the query's order.
    /// Written as <c>key >= v AND (key > v OR Id > id)</c> so the database seeks the index to <c>v</c>.
    /// SQLite orders NULL before any value (<paramref name="nullsFirstAscending"/>), PostgreSQL after.
    /// </summary>
    public static IQueryable<Account> After(IQueryable<Account> accounts, AccountQuery query, bool nullsFirstAscending = true)
    {
        if (query.After is not { } after)
        {
            return accounts;
        }

        var id = after.Id;
        switch (query.Sort)
        {
            case AccountSort.AccountId:
            {
                var key = after.AccountId;
                return query.Descending
                    ? accounts.Where(a => string.Compare(a.ExternalId, key) <= 0 && (string.Compare(a.ExternalId, key) < 0 || a.Id < id))
                    : accounts.Where(a => string.Compare(a.ExternalId, key) >= 0 && (string.Compare(a.ExternalId, key) > 0 || a.Id > id));
            }

            case AccountSort.City:
            {
                var key = after.City;
                // Where NULLs stand in this direction: SQLite puts them first ascending, PostgreSQL last.
                var nullsBefore = query.Descending ? !nullsFirstAscending : nullsFirstAscending;
                if (key is null)
                {
                    return (nullsBefore, query.Descending) switch
                    {
                        (true, false) => accounts.Where(a => a.City != null || a.Id > id),
                        (true, true) => accounts.Where(a => a.City != null || a.Id < id),
                        (false, false) => accounts.Where(a => a.City == null && a.Id > id),
                        (false, true) => accounts.Where(a => a.City == null && a.Id < id),
                    };
                }

                return query.Descending
                    ? accounts.Where(a => a.City == null ? !nullsBefore : string.Compare(a.City, key) <= 0 && (string.Compare(a.City, key) < 0 || a.Id < id))
                    : accounts.Where(a => a.City == null ? !nullsBefore : string.Compare(a.City, key) >= 0 && (string.Compare(a.City, key) > 0 || a.Id > id));
            }

            case AccountSort.Updated:
            {
                var key = after.UpdatedAt;
                return query.Descending
                    ? accounts.Where(a => a.UpdatedAt <= key && (a.UpdatedAt < key || a.Id < id))
                    : accounts.Where(a => a.UpdatedAt >= key && (a.UpdatedAt > key || a.Id > id));
            }

            default:
            {
                var key = after.BusinessName;
                return query.Descending
                    ? accounts.Where(a => string.Compare(a.BusinessName, key) <= 0 && (string.Compare(a.BusinessName, key) < 0 || a.Id < id))
                    : accounts.Where(a => string.Compare(a.BusinessName, key) >= 0 && (string.Compare(a.BusinessName, key) > 0 || a.Id > id));
            }
        }
    }

    /// <summary>The keyset cursor of a row (only the sort keys and the id are used).</summary>
    public static AccountSummary CursorOf(Account account) => new(
        account.Id, account.ExternalId, account.BusinessName, account.City, account.State,
        account.SmsDetailsComplete, false, account.UpdatedAt);

    private static string EscapeLike(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);
}

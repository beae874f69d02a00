using PartnerPortal.Domain.Completeness;

namespace PartnerPortal.Domain.Accounts;

/// <summary>How the Accounts list is ordered (ties broken by the internal id).</summary>
public enum AccountSort
{
    Name,
    AccountId,
    City,
    Updated,
}

/// <summary>The filter on the "SMS Business Details" column.</summary>
public enum CompletenessFilter
{
    All,
    Complete,
    Incomplete,
}

/// <summary>
/// One page request of the Accounts list. <paramref name="Page"/> is zero-based. When
/// <paramref name="After"/> is given (the last row of the previous page, in the same order), the rows
/// after it are returned by keyset paging and <paramref name="Page"/> is not used to skip rows.
/// </summary>
public sealed record AccountQuery(
    string? Search = null,
    CompletenessFilter Filter = CompletenessFilter.All,
    AccountSort Sort = AccountSort.Name,
    bool Descending = false,
    int Page = 0,
    int PageSize = 50,
    AccountSummary? After = null,
    int? KnownTotal = null)
{
    // KnownTotal: the total of the same search and filter, counted for an earlier page; a page change does not count
    // again (a COUNT over 100,000 accounts on every click, issue 18). A filter or search change counts afresh.
    public const int MaxPageSize = 500;
}

/// <summary>One row of the Accounts list.</summary>
/// <param name="Id">The portal's id (route <c>/accounts/{Id}</c>).</param>
/// <param name="AccountId">The partner's id of the account (<c>accountId</c> in the APIs).</param>
/// <param name="UsesPartnerWebsite">The account has no website of its own, so the partner's website is used (higher rejection risk).</param>
public sealed record AccountSummary(
    int Id,
    string AccountId,
    string BusinessName,
    string? City,
    string? State,
    bool SmsDetailsComplete,
    bool UsesPartnerWebsite,
    DateTime UpdatedAt,
    bool IsActive = true);

/// <summary>A page of the Accounts list and the number of rows matching the search and filter.</summary>
public sealed record AccountList(IReadOnlyList<AccountSummary> Items, int TotalCount);

/// <summary>Completeness counts in the actor's scope.</summary>
public sealed record AccountCounts(int Total, int Complete, int Incomplete, int UsingPartnerWebsite);

/// <summary>What the actor may change on an account.</summary>
public enum AccountEditScope
{
    /// <summary>Read only.</summary>
    None,

    /// <summary>Practice staff: only the account fields the SMS Business Details rule reports as missing or invalid.</summary>
    MissingFieldsOnly,

    /// <summary>Partner admins and support agents: every account field.</summary>
    All,
}

/// <summary>An account with the result of the SMS Business Details rule.</summary>
/// <param name="EditableFields">The <see cref="AccountUpdate"/> property names the actor may change.</param>
public sealed record AccountDetails(
    int Id,
    string AccountId,
    int PartnerId,
    string Vendor,
    string BusinessName,
    string? Address1,
    string? Address2,
    string? City,
    string? State,
    string? PostalCode,
    string? CountryCode,
    string? WebsiteUrl,
    string? AlternativeWebsiteUrl,
    CreatedThrough CreatedThrough,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    CompletenessResult Completeness,
    AccountEditScope EditScope,
    IReadOnlyList<string> EditableFields,
    string? PracticePhone = null,
    bool IsActive = true,
    bool CanAdminister = false)
{
    public bool CanEdit => EditScope != AccountEditScope.None;

    /// <summary>The values as an update, for forms that start from the stored values.</summary>
    public AccountUpdate ToUpdate() => new(BusinessName, Address1, Address2, City, State, PostalCode, CountryCode, WebsiteUrl, AlternativeWebsiteUrl, PracticePhone);
}

/// <summary>The editable account information (the field names are the ones errors refer to).</summary>
public sealed record AccountUpdate(
    string? BusinessName,
    string? Address1,
    string? Address2,
    string? City,
    string? State,
    string? PostalCode,
    string? CountryCode,
    string? WebsiteUrl,
    string? AlternativeWebsiteUrl,
    string? PracticePhone = null);

/// <summary>A new account created in the portal: the partner's <c>accountId</c> and its information (as <c>PracticeSave/1.1</c> takes them).</summary>
public sealed record NewAccount(string? AccountId, AccountUpdate Information);

/// <summary>A CSV file of accounts.</summary>
public sealed record AccountExport(string FileName, byte[] Content, int Rows);

namespace PartnerPortal.Domain.Audit;

/// <summary>
/// What the Audit Log is filtered by. Dates are UTC; <see cref="From"/> is inclusive and <see cref="To"/>
/// exclusive. <see cref="Actor"/> matches an actor id exactly, or a part of the actor's name or e-mail.
/// <see cref="PartnerId"/> narrows an Operator's view to one partner (ignored for partner users).
/// </summary>
public sealed record AuditFilter(
    DateTime? From = null,
    DateTime? To = null,
    string? Actor = null,
    int? AccountId = null,
    string? Action = null,
    string? EntityType = null,
    int? PartnerId = null)
{
    public static readonly AuditFilter None = new();
}

/// <summary>
/// Keyset paging on the entry id, newest first: the first page, the page of entries older than
/// <see cref="OlderThan"/> (the last id shown), or the page newer than <see cref="NewerThan"/> (the first id shown).
/// </summary>
public sealed record AuditPageRequest(int PageSize = AuditPageRequest.DefaultPageSize, long? OlderThan = null, long? NewerThan = null)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    public static readonly AuditPageRequest First = new();
}

/// <summary>One audit entry as the Audit Log shows it, with its parsed field changes.</summary>
public sealed record AuditEntrySummary(
    long Id,
    DateTime OccurredAt,
    ActorKind ActorKind,
    string ActorId,
    string ActorName,
    int? PartnerId,
    string? PartnerName,
    int? AccountId,
    string? AccountName,
    string Action,
    string EntityType,
    string? EntityId,
    string Summary,
    string? IpAddress,
    IReadOnlyList<FieldChange> Changes);

/// <summary>A page of entries, newest first, and whether there are older or newer ones for the same filter.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntrySummary> Entries, bool HasOlder, bool HasNewer)
{
    public static readonly AuditPage Empty = new([], false, false);
}

/// <summary>How many entries match a filter, counted up to <see cref="AuditQueryService.CountCap"/> ("10,000+").</summary>
public sealed record AuditCount(int Count, bool IsCapped);

/// <summary>An account the actor may filter by.</summary>
public sealed record AuditAccountOption(int Id, string ExternalId, string Name);

/// <summary>A partner an Operator may narrow the Audit Log to.</summary>
public sealed record AuditPartnerOption(int Id, string Name);

/// <summary>
/// The actions and entity types that occur in the audit trail (code names, no tenant data), and for
/// Operators the partners to choose from (empty for partner users, who only see their own).
/// </summary>
public sealed record AuditFilterOptions(IReadOnlyList<string> Actions, IReadOnlyList<string> EntityTypes, IReadOnlyList<AuditPartnerOption> Partners)
{
    public static readonly AuditFilterOptions None = new([], [], []);
}

/// <summary>
/// The outcome of a whole-chain check. <see cref="EntriesChecked"/> is reported to Operators only;
/// <see cref="BrokenEntry"/> is present when the first broken entry is within the actor's scope.
/// </summary>
public sealed record AuditIntegrityReport(
    bool IsIntact,
    long? EntriesChecked,
    long? FirstBrokenEntryId,
    string? Problem,
    AuditEntrySummary? BrokenEntry,
    DateTime CheckedAt);

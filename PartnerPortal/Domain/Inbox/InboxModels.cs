namespace PartnerPortal.Domain.Inbox;

/// <summary>The Inbox list's filters; <paramref name="Page"/> is 0-based.</summary>
public sealed record InboxQuery(
    int AccountId,
    int? QueueLocationId = null,
    int? LocationId = null,
    string? Search = null,
    bool UnreadOnly = false,
    int Page = 0,
    int PageSize = 25);

public sealed record InboxThreadSummary(
    long Id,
    string Phone,
    string? PatientName,
    string? LocationName,
    string? QueueName,
    int UnreadCount,
    int ReplyCount,
    DateTime LastActivityAt,
    string? LastReplyPreview);

public sealed record InboxThreadList(IReadOnlyList<InboxThreadSummary> Threads, int Total, int Unread);

/// <summary>One text of a thread: sent (<see cref="Outbound"/>) or received.</summary>
public sealed record InboxEntry(
    bool Outbound,
    long Id,
    DateTime At,
    string Text,
    string? Status,
    string? LocationName,
    string? Keyword);

/// <summary>The locations and queues of the account (the filters, the reply's "Send from", "Assign to a queue").</summary>
public sealed record InboxPlace(int Id, string Name, bool IsQueue, bool CanSend);

public sealed record InboxThreadDetails(
    long Id,
    int AccountId,
    string AccountName,
    string Phone,
    int? RecipientId,
    string? PatientName,
    int? LocationId,
    int? QueueLocationId,
    int UnreadCount,
    IReadOnlyList<InboxEntry> Entries,
    IReadOnlyList<InboxPlace> Places);

/// <summary>Home and the navigation: unread conversations and replies received in the last 24 hours.</summary>
public sealed record InboxCounts(int UnreadThreads, int RepliesToday);

/// <summary>An answer typed in a thread: sent through the send pipeline from <paramref name="LocationId"/>.</summary>
public sealed record InboxReply(long ThreadId, int LocationId, string Content, bool ConfirmedWarnings = false);

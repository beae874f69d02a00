namespace PartnerPortal.Domain.Inbox;

/// <summary>
/// One conversation of an account's Inbox: every text sent to and received from one patient number, whatever
/// location sent or received it. The row keeps what the list shows and sorts on (unread first, latest first), so
/// the Inbox never scans the messages to draw its list; the texts themselves stay in Messages and InboundMessages.
/// </summary>
public class InboxThread
{
    public long Id { get; set; }
    public int AccountId { get; set; }

    /// <summary>The patient's E.164 number: the thread's key within the account.</summary>
    public required string Phone { get; set; }

    /// <summary>The address book entry with this mobile, when there is one.</summary>
    public int? RecipientId { get; set; }

    /// <summary>The location whose number received the latest reply (the Inbox's location filter).</summary>
    public int? LocationId { get; set; }

    /// <summary>The queue (a Location of kind Queue) the thread is assigned to; null: not in a queue.</summary>
    public int? QueueLocationId { get; set; }

    /// <summary>Replies not read yet (0 once a user opened the thread or marked it read).</summary>
    public int UnreadCount { get; set; }

    /// <summary>Stored beside <see cref="UnreadCount"/> so "unread first" is an index order.</summary>
    public bool IsUnread { get; set; }
    public int ReplyCount { get; set; }
    public DateTime LastActivityAt { get; set; }
    public DateTime? LastReplyAt { get; set; }

    /// <summary>The start of the latest reply, for the list (staff only: PHI).</summary>
    public string? LastReplyPreview { get; set; }
}

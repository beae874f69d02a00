namespace PartnerPortal.Domain.Webhooks;

/// <summary>
/// The outbox of message events (<c>message.status</c>, <c>message.inbound</c>): written in the same transaction as
/// the status change or the stored reply, then turned into one webhook delivery per subscriber (and a notification
/// for a failure) by <c>MessageEventRelay</c>. One row per message and status (a unique index), so an event is never
/// recorded twice however often a change is reported.
/// </summary>
public class MessageEvent
{
    public long Id { get; set; }
    public required string EventType { get; set; }
    public int PartnerId { get; set; }
    public int AccountId { get; set; }

    /// <summary>The message whose status changed, or the message a reply answers.</summary>
    public long? MessageId { get; set; }

    /// <summary>The reply (<c>message.inbound</c>).</summary>
    public long? InboundMessageId { get; set; }

    /// <summary>Sent, Delivered or Failed (<c>message.status</c>).</summary>
    public string? Status { get; set; }
    public string? Reason { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>When the relay turned it into deliveries (null while waiting).</summary>
    public DateTime? ProcessedAt { get; set; }
}

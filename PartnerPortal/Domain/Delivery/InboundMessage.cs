namespace PartnerPortal.Domain.Delivery;

/// <summary>What an inbound text did (DESIGN §4 keywords).</summary>
public enum InboundAction
{
    /// <summary>An ordinary reply, kept in the recipient's thread.</summary>
    None,
    OptOut,
    OptIn,
    Help,

    /// <summary>Might mean "stop": waiting in the account's Opt-out review (see <see cref="OptOutIntent"/>).</summary>
    Review,
}

/// <summary>A text a recipient sent to one of the account's numbers, reported by the provider's inbound endpoint.</summary>
public class InboundMessage
{
    public long Id { get; set; }
    public int AccountId { get; set; }

    /// <summary>The location whose number received the text (null when the number is not one of the account's).</summary>
    public int? LocationId { get; set; }

    /// <summary>The address book entry with this mobile, when there is one.</summary>
    public int? RecipientId { get; set; }

    /// <summary>E.164 of the sender.</summary>
    public required string FromNumber { get; set; }

    /// <summary>The account's number that received the text.</summary>
    public string? ToNumber { get; set; }
    public required string Text { get; set; }

    /// <summary>The provider's id of the inbound text; a repeat with the same id is acknowledged and ignored.</summary>
    public required string ProviderMessageId { get; set; }
    public InboundAction Action { get; set; }

    /// <summary>The keyword as recognised (e.g. <c>STOP</c>, <c>OPT OUT</c>), when it was one.</summary>
    public string? Keyword { get; set; }

    /// <summary>The confirmation or HELP reply queued for it.</summary>
    public long? ReplyMessageId { get; set; }
    public DateTime ReceivedAt { get; set; }

    /// <summary>The Inbox conversation of the sender's number.</summary>
    public long? ThreadId { get; set; }

    /// <summary>The text this reply answers: the latest one sent to the sender from the number that received the reply.</summary>
    public long? InReplyToMessageId { get; set; }
}

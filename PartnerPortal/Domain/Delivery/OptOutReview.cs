namespace PartnerPortal.Domain.Delivery;

public enum OptOutReviewStatus
{
    Open,
    Confirmed,
    Dismissed,
}

/// <summary>A reply that might mean "stop" (<see cref="OptOutIntentKind.Review"/>), waiting for staff to confirm or dismiss it.</summary>
public class OptOutReview
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public long InboundMessageId { get; set; }

    /// <summary>E.164 of the sender.</summary>
    public required string Phone { get; set; }
    public int? RecipientId { get; set; }

    /// <summary>The <see cref="OptOutIntent"/> rule that sent it here.</summary>
    public required string Rule { get; set; }
    public OptOutReviewStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }

    /// <summary>Who confirmed or dismissed it (display name).</summary>
    public string? DecidedBy { get; set; }
}

using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Recipients;

namespace PartnerPortal.Domain.Messaging;

public enum MessageKind
{
    SmsText,
    SecureText,
}

/// <summary>The provider's <c>type</c>: MARKETING when the account has no sender name (DESIGN §5).</summary>
public enum MessageType
{
    Notification,
    Marketing,
}

/// <summary>Pending → Sent → Delivered | Failed; never moves backwards.</summary>
public enum MessageStatus
{
    Pending,
    Sent,
    Delivered,
    Failed,
}

/// <summary>How a Secure Text's recipient is told that a message is waiting (the content is never in the notice).</summary>
public enum NotifyMethod
{
    Sms,
    Email,

    /// <summary>The same notice (one link) by SMS and by email (seed 001: "text, email, or both").</summary>
    Both,
}

/// <summary>
/// One text of an account. Stored as <see cref="MessageStatus.Pending"/> by the send pipeline; the
/// dispatcher sends it later. For a Secure Text the content stays here and only a generic notice with a
/// link is sent; the link's token is stored as its SHA-256 hash.
/// </summary>
public class Message
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public Account Account { get; set; } = null!;
    public int? LocationId { get; set; }
    public Location? Location { get; set; }

    /// <summary>The E.164 number the text is sent from (the location's approved number at the time of sending).</summary>
    public string? SenderNumber { get; set; }

    /// <summary>The address book entry, when the recipient is one (inline API recipients have none).</summary>
    public int? RecipientId { get; set; }
    public Recipient? Recipient { get; set; }

    /// <summary>The E.164 mobile the text (or Secure Text notice) goes to; null for an email notice.</summary>
    public string? ToNumber { get; set; }

    /// <summary>The email address a Secure Text notice goes to (notify method Email).</summary>
    public string? ToEmail { get; set; }

    public MessageKind Kind { get; set; }
    public MessageType Type { get; set; }
    public NotifyMethod? NotifyMethod { get; set; }
    public required string Content { get; set; }

    /// <summary>When the PHI Directive's redaction replaced <see cref="Content"/> (null while the content is kept).</summary>
    public DateTime? ContentRedactedAt { get; set; }

    /// <summary>"GSM-7" or "UCS-2" of what is texted (the content, or a Secure Text's notice).</summary>
    public required string Encoding { get; set; }

    /// <summary>Segments (credits) of what is texted; 0 for a Secure Text notified by email.</summary>
    public int SegmentCount { get; set; }
    public MessageStatus Status { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorReason { get; set; }

    /// <summary>Who sent it through the Integration API (its <c>provider</c>, e.g. the sending clinician or system; the key's name by default).</summary>
    public string? Provider { get; set; }

    /// <summary>The provider's reference (<c>retId</c> round trip / provider id).</summary>
    public string? ProviderReference { get; set; }
    public int Attempts { get; set; }

    /// <summary>The caller's Idempotency-Key; unique per account when present.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 (hex) of the request a key was first used with, so a reuse with another request is refused (4090).</summary>
    public string? RequestFingerprint { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>SHA-256 (hex) of the Secure Text link token; the token itself is never stored.</summary>
    public string? SecureTokenHash { get; set; }

    /// <summary>
    /// The link token encrypted with Data Protection (key ring encrypted at rest), so a retried notice sends the link
    /// already delivered instead of invalidating it; lookups still go through <see cref="SecureTokenHash"/>.
    /// </summary>
    public string? SecureTokenProtected { get; set; }

    /// <summary>When the Secure Text link stops working (72 hours after sending).</summary>
    public DateTime? SecureLinkExpiresAt { get; set; }
    public int SecureFailedAttempts { get; set; }
    public bool SecureLocked { get; set; }
    public DateTime? SecureViewedAt { get; set; }

    /// <summary>The dispatcher claim (instance and batch) that owns the message until <see cref="ClaimedUntil"/>.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When the claim's lease expires; after that another dispatcher may take the message over.</summary>
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>
    /// When a delayed text goes out: the end of the recipient's quiet hours, or the time the sender chose ("Send later",
    /// <c>sendAt</c>), whichever is later. Null when it was sent as soon as possible. The dispatcher never claims it before.
    /// </summary>
    public DateTime? ScheduledFor { get; set; }

    /// <summary>The time the sender asked for ("Send later", <c>sendAt</c>), when they chose one.</summary>
    public DateTime? RequestedSendAt { get; set; }

    /// <summary>A Pending message is not attempted before this time (retry backoff).</summary>
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? FailedAt { get; set; }

    /// <summary>"Assign to a queue" of the Send dialog: replies to this text land in that queue (a Location of kind Queue) of the Inbox.</summary>
    public int? QueueLocationId { get; set; }
}

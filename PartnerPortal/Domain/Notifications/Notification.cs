namespace PartnerPortal.Domain.Notifications;

/// <summary>What a notification is about (DESIGN §7 Notifications).</summary>
public enum NotificationKind
{
    NumberApproved,
    NumberRejected,
    MessageFailed,
    ReplyReceived,
    OptOutToReview,
    VerificationRequested,
}

/// <summary>Who of an account's partner is told (combinable).</summary>
[Flags]
public enum NotificationAudience
{
    None = 0,

    /// <summary>PracticeStaff of the account.</summary>
    AccountStaff = 1,

    /// <summary>PartnerAdmins of the account's partner.</summary>
    PartnerAdmins = 2,

    /// <summary>SupportAgents of the account's partner.</summary>
    SupportAgents = 4,

    /// <summary>Operators (the vendor's staff). They are only ever told what carries no PHI.</summary>
    Operators = 8,
}

/// <summary>
/// One notification of one user, stored so nothing is missed while signed out. Its text never carries PHI (no
/// message content, patient names or numbers): it names the account and links to the page that has the details,
/// where the page's own permission check applies.
/// </summary>
public class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Text { get; set; }

    /// <summary>A local link (starting with <c>/</c>).</summary>
    public required string Link { get; set; }
    public int? PartnerId { get; set; }
    public int? AccountId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

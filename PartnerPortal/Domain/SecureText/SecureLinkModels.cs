namespace PartnerPortal.Domain.SecureText;

public enum SecureLinkState
{
    Ready,
    NotFound,
    Expired,
    Locked,

    /// <summary>The PHI Directive redacted the message's content.</summary>
    Redacted,
}

/// <summary>What the link page may show before verification: the state and the practice's name.</summary>
public sealed record SecureLinkInfo(SecureLinkState State, string? PracticeName, int AttemptsLeft);

/// <summary>The message, shown once the date of birth and last name matched.</summary>
public sealed record SecureMessageView(string PracticeName, string Content, DateTime SentAt);

using PartnerPortal.Domain.Accounts;

namespace PartnerPortal.Domain.Numbers;

public enum VerificationStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// The business information submitted for an account's numbers (a snapshot of exactly what was sent),
/// and the operator's decision. The numbers it covers point at it through <see cref="SmsNumber.VerificationRequestId"/>.
/// </summary>
public class VerificationRequest
{
    public int Id { get; set; }
    public int PartnerId { get; set; }
    public int AccountId { get; set; }
    public Account Account { get; set; } = null!;
    public VerificationStatus Status { get; set; }

    /// <summary>JSON of <see cref="VerificationSnapshot"/>.</summary>
    public required string SnapshotJson { get; set; }
    public DateTime SubmittedAt { get; set; }
    public required string SubmittedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? RejectionReason { get; set; }

    /// <summary>
    /// JSON of the <see cref="VerificationOutcomeNumber"/> list written when the request is decided: what
    /// each covered number became. Kept on the request because a number moves to a newer request when it
    /// is resubmitted; the webhook digest and the Account Verification page read it.
    /// </summary>
    public string? OutcomeJson { get; set; }

    public List<SmsNumber> Numbers { get; set; } = [];
}

/// <summary>What one number of a decided request became.</summary>
public sealed record VerificationOutcomeNumber(
    int LocationId,
    string LocationExternalId,
    string LocationName,
    string? Number,
    SmsNumberStatus Status,
    string? RejectionReason);

/// <summary>Exactly the data sent for verification.</summary>
public sealed record VerificationSnapshot(
    string BusinessName,
    string? Address1,
    string? Address2,
    string? City,
    string? State,
    string? PostalCode,
    string? CountryCode,
    string? Website,
    string WebsiteSource,
    string? ContactFirstName,
    string? ContactLastName,
    string? ContactEmail,
    string? ContactPhone,
    IReadOnlyList<string> Locations);

namespace PartnerPortal.Domain.Accounts;

public enum SmsNumberStatus
{
    NoNumber,
    Pending,
    Approved,
    Rejected,
}

/// <summary>The texting number of a location (at most one). <see cref="Number"/> is null while it is being acquired.</summary>
public class SmsNumber
{
    public int Id { get; set; }
    public int LocationId { get; set; }
    public Location Location { get; set; } = null!;

    /// <summary>As an E.164 number, or null while a number is being acquired.</summary>
    public string? Number { get; set; }
    public SmsNumberStatus Status { get; set; }
    public string? RejectionReason { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The verification request that currently covers this number, if any.</summary>
    public int? VerificationRequestId { get; set; }
}

namespace PartnerPortal.Domain.Completeness;

/// <summary>The partner business details the SMS business details rule looks at (used for all of its accounts).</summary>
public sealed record PartnerContactInfo(
    string? Website,
    string? ContactFirstName,
    string? ContactLastName,
    string? ContactEmail,
    string? ContactPhone);

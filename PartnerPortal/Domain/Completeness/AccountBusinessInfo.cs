namespace PartnerPortal.Domain.Completeness;

/// <summary>The account (practice) values the SMS business details rule looks at.</summary>
public sealed record AccountBusinessInfo(
    string? BusinessName,
    string? Address1,
    string? Address2,
    string? City,
    string? State,
    string? PostalCode,
    string? CountryCode,
    string? WebsiteUrl,
    string? AlternativeWebsiteUrl);

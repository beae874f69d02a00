namespace PartnerPortal.Domain.Partners;

/// <summary>A reseller of texting (shown as "Vendor"), e.g. <c>northwind-ehr</c>.</summary>
public class Partner
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string DisplayName { get; set; }
    public string? CorporateWebsite { get; set; }
    public bool SmsApiEnabled { get; set; }

    /// <summary>When an Operator deactivated the partner (null: active). A deactivated partner's accounts cannot send.</summary>
    public DateTime? DeactivatedAt { get; set; }
    public PartnerBusinessDetails BusinessDetails { get; set; } = new();
}

/// <summary>The partner's business information; its contact is used for all of its accounts.</summary>
public class PartnerBusinessDetails
{
    public string? Name { get; set; }
    public string? LegalName { get; set; }
    public string? Address1 { get; set; }
    public string? Address2 { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? CountryCode { get; set; }
    public string? Website { get; set; }
    public string? ContactFirstName { get; set; }
    public string? ContactLastName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public DateTime? LastUpdatedAt { get; set; }
    public string? LastUpdatedBy { get; set; }
}

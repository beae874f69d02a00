namespace PartnerPortal.Domain.Partners;

/// <summary>A partner's business details as the Business Details page shows them.</summary>
/// <param name="Vendor">The partner's slug, e.g. <c>northwind-ehr</c>.</param>
/// <param name="CanEdit">True for the partner's admins.</param>
public sealed record PartnerDetails(
    int PartnerId,
    string Vendor,
    string DisplayName,
    string? Name,
    string? LegalName,
    string? Address1,
    string? Address2,
    string? City,
    string? State,
    string? PostalCode,
    string? CountryCode,
    string? Website,
    string? ContactFirstName,
    string? ContactLastName,
    string? ContactEmail,
    string? ContactPhone,
    DateTime? LastUpdatedAt,
    string? LastUpdatedBy,
    bool CanEdit)
{
    /// <summary>One line: "100 East Broad Street, Suite 400, Columbus, OH 43215, US".</summary>
    public string Address
    {
        get
        {
            var stateAndZip = string.Join(' ', new[] { State, PostalCode }.Where(v => !string.IsNullOrWhiteSpace(v)));
            return string.Join(", ", new[] { Address1, Address2, City, stateAndZip, CountryCode }.Where(v => !string.IsNullOrWhiteSpace(v)));
        }
    }

    public BusinessDetailsUpdate ToUpdate() => new(
        Name, LegalName, Address1, Address2, City, State, PostalCode, CountryCode, Website,
        ContactFirstName, ContactLastName, ContactEmail, ContactPhone);
}

/// <summary>The editable partner business details (the field names are the ones errors refer to).</summary>
public sealed record BusinessDetailsUpdate(
    string? Name,
    string? LegalName,
    string? Address1,
    string? Address2,
    string? City,
    string? State,
    string? PostalCode,
    string? CountryCode,
    string? Website,
    string? ContactFirstName,
    string? ContactLastName,
    string? ContactEmail,
    string? ContactPhone);

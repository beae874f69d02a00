using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Features.Partners;

/// <summary>The Partners page's create/edit form: the partner and its business details. Shape only; the service checks the values.</summary>
public sealed class PartnerFormModel
{
    [Required(ErrorMessage = "Slug is required.")]
    [StringLength(100, ErrorMessage = "Slug must be at most 100 characters.")]
    public string? Slug { get; set; }

    [Required(ErrorMessage = "Display Name is required.")]
    [StringLength(200, ErrorMessage = "Display Name must be at most 200 characters.")]
    public string? DisplayName { get; set; }

    [StringLength(500, ErrorMessage = "Corporate Website must be at most 500 characters.")]
    public string? CorporateWebsite { get; set; }

    [Required(ErrorMessage = "Name is required.")]
    [StringLength(200, ErrorMessage = "Name must be at most 200 characters.")]
    public string? Name { get; set; }

    [StringLength(200, ErrorMessage = "Legal Name must be at most 200 characters.")]
    public string? LegalName { get; set; }

    [StringLength(200, ErrorMessage = "Street Address must be at most 200 characters.")]
    public string? Address1 { get; set; }

    [StringLength(200, ErrorMessage = "Address Line 2 must be at most 200 characters.")]
    public string? Address2 { get; set; }

    [StringLength(100, ErrorMessage = "City must be at most 100 characters.")]
    public string? City { get; set; }

    [StringLength(50, ErrorMessage = "State must be at most 50 characters.")]
    public string? State { get; set; }

    [StringLength(20, ErrorMessage = "Postal Code must be at most 20 characters.")]
    public string? PostalCode { get; set; }

    [StringLength(2, MinimumLength = 2, ErrorMessage = "Country must be a two-letter code such as US.")]
    public string? CountryCode { get; set; }

    [Required(ErrorMessage = "Website is required.")]
    [StringLength(500, ErrorMessage = "Website must be at most 500 characters.")]
    public string? Website { get; set; }

    [Required(ErrorMessage = "Contact First Name is required.")]
    [StringLength(100, ErrorMessage = "Contact First Name must be at most 100 characters.")]
    public string? ContactFirstName { get; set; }

    [Required(ErrorMessage = "Contact Last Name is required.")]
    [StringLength(100, ErrorMessage = "Contact Last Name must be at most 100 characters.")]
    public string? ContactLastName { get; set; }

    [Required(ErrorMessage = "Contact Email is required.")]
    [StringLength(254, ErrorMessage = "Contact Email must be at most 254 characters.")]
    public string? ContactEmail { get; set; }

    [Required(ErrorMessage = "Contact Phone is required.")]
    [StringLength(30, ErrorMessage = "Contact Phone must be at most 30 characters.")]
    public string? ContactPhone { get; set; }

    public static PartnerFormModel From(PartnerProfile profile)
    {
        var d = profile.BusinessDetails;
        return new()
        {
            Slug = profile.Slug, DisplayName = profile.DisplayName, CorporateWebsite = profile.CorporateWebsite,
            Name = d.Name, LegalName = d.LegalName, Address1 = d.Address1, Address2 = d.Address2, City = d.City, State = d.State,
            PostalCode = d.PostalCode, CountryCode = d.CountryCode, Website = d.Website, ContactFirstName = d.ContactFirstName,
            ContactLastName = d.ContactLastName, ContactEmail = d.ContactEmail, ContactPhone = d.ContactPhone,
        };
    }

    public PartnerInput ToInput() => new(Slug, DisplayName, CorporateWebsite, new BusinessDetailsUpdate(
        Name, LegalName, Address1, Address2, City, State, PostalCode, CountryCode, Website,
        ContactFirstName, ContactLastName, ContactEmail, ContactPhone));
}

using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Features.BusinessDetails;

/// <summary>
/// The Business Details edit form, and the business-details part of the Partners page's form. Shape only; the service
/// checks and normalises the values (e.g. the phone to E.164).
/// </summary>
public class BusinessDetailsFormModel
{
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
    [EmailAddress(ErrorMessage = "Contact Email must be an email address such as name@example.com.")]
    [StringLength(254, ErrorMessage = "Contact Email must be at most 254 characters.")]
    public string? ContactEmail { get; set; }

    [Required(ErrorMessage = "Contact Phone is required.")]
    [StringLength(30, ErrorMessage = "Contact Phone must be at most 30 characters.")]
    public string? ContactPhone { get; set; }

    public static BusinessDetailsFormModel From(PartnerDetails details) => new BusinessDetailsFormModel().Fill(details.ToUpdate());

    /// <summary>Takes the stored values.</summary>
    protected BusinessDetailsFormModel Fill(BusinessDetailsUpdate d)
    {
        (Name, LegalName, Address1, Address2, City, State, PostalCode, CountryCode) =
            (d.Name, d.LegalName, d.Address1, d.Address2, d.City, d.State, d.PostalCode, d.CountryCode);
        (Website, ContactFirstName, ContactLastName, ContactEmail, ContactPhone) =
            (d.Website, d.ContactFirstName, d.ContactLastName, d.ContactEmail, d.ContactPhone);
        return this;
    }

    public BusinessDetailsUpdate ToUpdate() => new(
        Name, LegalName, Address1, Address2, City, State, PostalCode, CountryCode, Website,
        ContactFirstName, ContactLastName, ContactEmail, ContactPhone);
}

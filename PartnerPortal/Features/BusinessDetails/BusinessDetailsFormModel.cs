using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Features.BusinessDetails;

/// <summary>The Business Details edit form. Shape only; the service checks and normalises the values (e.g. the phone to E.164).</summary>
public sealed class BusinessDetailsFormModel
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

    public static BusinessDetailsFormModel From(PartnerDetails details) => new()
    {
        Name = details.Name, LegalName = details.LegalName, Address1 = details.Address1, Address2 = details.Address2,
        City = details.City, State = details.State, PostalCode = details.PostalCode, CountryCode = details.CountryCode,
        Website = details.Website, ContactFirstName = details.ContactFirstName, ContactLastName = details.ContactLastName,
        ContactEmail = details.ContactEmail, ContactPhone = details.ContactPhone,
    };

    public BusinessDetailsUpdate ToUpdate() => new(
        Name, LegalName, Address1, Address2, City, State, PostalCode, CountryCode, Website,
        ContactFirstName, ContactLastName, ContactEmail, ContactPhone);
}

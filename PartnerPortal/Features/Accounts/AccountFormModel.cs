using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.Accounts;

namespace PartnerPortal.Features.Accounts;

/// <summary>The account information form. Shape only; the service checks the values (state, ZIP, URLs).</summary>
public sealed class AccountFormModel
{
    /// <summary>The partner's id of the practice (<c>accountId</c> in the APIs); only asked when creating an account.</summary>
    [StringLength(100, ErrorMessage = "Account ID must be at most 100 characters.")]
    public string? AccountId { get; set; }

    [Required(ErrorMessage = "Business Name is required.")]
    [StringLength(200, ErrorMessage = "Business Name must be at most 200 characters.")]
    public string? BusinessName { get; set; }

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

    [StringLength(500, ErrorMessage = "Website URL must be at most 500 characters.")]
    public string? WebsiteUrl { get; set; }

    [StringLength(500, ErrorMessage = "Alternative Website URL must be at most 500 characters.")]
    public string? AlternativeWebsiteUrl { get; set; }

    [StringLength(30, ErrorMessage = "Practice Phone must be at most 30 characters.")]
    public string? PracticePhone { get; set; }

    public static AccountFormModel From(AccountDetails details) => new()
    {
        BusinessName = details.BusinessName, Address1 = details.Address1, Address2 = details.Address2, City = details.City,
        State = details.State, PostalCode = details.PostalCode, CountryCode = details.CountryCode,
        WebsiteUrl = details.WebsiteUrl, AlternativeWebsiteUrl = details.AlternativeWebsiteUrl, PracticePhone = details.PracticePhone,
    };

    public AccountUpdate ToUpdate() => new(BusinessName, Address1, Address2, City, State, PostalCode, CountryCode, WebsiteUrl, AlternativeWebsiteUrl, PracticePhone);
}

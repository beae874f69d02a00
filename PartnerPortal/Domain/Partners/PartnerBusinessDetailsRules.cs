using System.Globalization;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;

namespace PartnerPortal.Domain.Partners;

/// <summary>A partner's business details as the Business Details form, the Partners page and the command line check and store them.</summary>
public static class PartnerBusinessDetailsRules
{
    public const string DefaultPhoneRegion = "US";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(BusinessDetailsUpdate.Name)] = "Name",
        [nameof(BusinessDetailsUpdate.LegalName)] = "Legal Name",
        [nameof(BusinessDetailsUpdate.Address1)] = "Street Address",
        [nameof(BusinessDetailsUpdate.Address2)] = "Address Line 2",
        [nameof(BusinessDetailsUpdate.City)] = "City",
        [nameof(BusinessDetailsUpdate.State)] = "State",
        [nameof(BusinessDetailsUpdate.PostalCode)] = "Postal Code",
        [nameof(BusinessDetailsUpdate.CountryCode)] = "Country",
        [nameof(BusinessDetailsUpdate.Website)] = "Website",
        [nameof(BusinessDetailsUpdate.ContactFirstName)] = "Contact First Name",
        [nameof(BusinessDetailsUpdate.ContactLastName)] = "Contact Last Name",
        [nameof(BusinessDetailsUpdate.ContactEmail)] = "Contact Email",
        [nameof(BusinessDetailsUpdate.ContactPhone)] = "Contact Phone",
    };

    private static readonly IReadOnlyDictionary<string, int> MaxLengths = new Dictionary<string, int>
    {
        [nameof(BusinessDetailsUpdate.Name)] = 200,
        [nameof(BusinessDetailsUpdate.LegalName)] = 200,
        [nameof(BusinessDetailsUpdate.Address1)] = 200,
        [nameof(BusinessDetailsUpdate.Address2)] = 200,
        [nameof(BusinessDetailsUpdate.City)] = 100,
        [nameof(BusinessDetailsUpdate.State)] = 50,
        [nameof(BusinessDetailsUpdate.PostalCode)] = 20,
        [nameof(BusinessDetailsUpdate.CountryCode)] = 2,
        [nameof(BusinessDetailsUpdate.Website)] = 500,
        [nameof(BusinessDetailsUpdate.ContactFirstName)] = 100,
        [nameof(BusinessDetailsUpdate.ContactLastName)] = 100,
        [nameof(BusinessDetailsUpdate.ContactEmail)] = 254,
        [nameof(BusinessDetailsUpdate.ContactPhone)] = 20,
    };

    // What SMS number verification needs from the partner (DESIGN §3), plus its name.
    private static readonly string[] Required =
    [
        nameof(BusinessDetailsUpdate.Name), nameof(BusinessDetailsUpdate.Website),
        nameof(BusinessDetailsUpdate.ContactFirstName), nameof(BusinessDetailsUpdate.ContactLastName),
        nameof(BusinessDetailsUpdate.ContactEmail), nameof(BusinessDetailsUpdate.ContactPhone),
    ];

    /// <summary>Returns the cleaned update (trimmed, codes upper-cased, phone in E.164) or one error per invalid field.</summary>
    public static Result<BusinessDetailsUpdate> Validate(BusinessDetailsUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);

        var country = BusinessFieldValidators.NormalizeCountry(update.CountryCode);
        var knownCountry = BusinessFieldValidators.IsCountryCode(country) ? country : null;
        var errors = new List<Error>();

        var phone = Clean(update.ContactPhone);
        var region = knownCountry ?? DefaultPhoneRegion;
        if (phone is not null)
        {
            if (BusinessFieldValidators.TryNormalizePhone(phone, region, out var e164))
            {
                phone = e164;
            }
            else
            {
                errors.Add(Error.ForField(nameof(BusinessDetailsUpdate.ContactPhone),
                    $"Contact Phone is not a valid {region} phone number; enter it like (614) 555-0123 or +16145550123."));
            }
        }

        var clean = new BusinessDetailsUpdate(
            Clean(update.Name),
            Clean(update.LegalName),
            Clean(update.Address1),
            Clean(update.Address2),
            Clean(update.City),
            knownCountry is "US" or "CA" ? Clean(update.State)?.ToUpperInvariant() : Clean(update.State),
            knownCountry == "CA" ? Clean(update.PostalCode)?.ToUpperInvariant() : Clean(update.PostalCode),
            country,
            Clean(update.Website),
            Clean(update.ContactFirstName),
            Clean(update.ContactLastName),
            Clean(update.ContactEmail),
            phone);

        var fields = Fields(clean);
        foreach (var field in Required.Where(f => fields[f] is null && !errors.Any(e => e.Field == f)))
        {
            errors.Add(Error.ForField(field, $"{Labels[field]} is required."));
        }

        if (country is not null && knownCountry is null)
        {
            errors.Add(Error.ForField(nameof(BusinessDetailsUpdate.CountryCode), "Country must be a two-letter ISO 3166-1 code such as US."));
        }

        if (clean.State is not null && knownCountry is not null && !BusinessFieldValidators.IsState(knownCountry, clean.State))
        {
            errors.Add(Error.ForField(nameof(BusinessDetailsUpdate.State), knownCountry == "CA"
                ? "State must be a Canadian province or territory code such as ON."
                : "State must be a US state code such as OH."));
        }

        if (clean.PostalCode is not null && knownCountry is not null && !BusinessFieldValidators.IsPostalCode(knownCountry, clean.PostalCode))
        {
            errors.Add(Error.ForField(nameof(BusinessDetailsUpdate.PostalCode), knownCountry == "CA"
                ? "Postal Code must be a Canadian postal code such as K1A 0B1."
                : "Postal Code must be a US ZIP code such as 43215 or 43215-1234."));
        }

        if (clean.Website is not null && !BusinessFieldValidators.IsHttpUrl(clean.Website))
        {
            errors.Add(Error.ForField(nameof(BusinessDetailsUpdate.Website), "Website must be an absolute http(s) address such as https://example.com."));
        }

        if (clean.ContactEmail is not null && !BusinessFieldValidators.IsEmail(clean.ContactEmail))
        {
            errors.Add(Error.ForField(nameof(BusinessDetailsUpdate.ContactEmail), "Contact Email must be an email address such as name@example.com."));
        }

        // Lengths last, for fields without a more specific error.
        foreach (var (field, value) in fields)
        {
            if (value is not null && value.Length > MaxLengths[field] && !errors.Any(e => e.Field == field))
            {
                errors.Add(Error.ForField(field, $"{Labels[field]} must be at most {MaxLengths[field]} characters."));
            }
        }

        return errors.Count == 0 ? Result<BusinessDetailsUpdate>.Ok(clean) : Result<BusinessDetailsUpdate>.Fail(errors);
    }

    public static IReadOnlyDictionary<string, string?> Fields(BusinessDetailsUpdate update) => new Dictionary<string, string?>
    {
        [nameof(BusinessDetailsUpdate.Name)] = update.Name,
        [nameof(BusinessDetailsUpdate.LegalName)] = update.LegalName,
        [nameof(BusinessDetailsUpdate.Address1)] = update.Address1,
        [nameof(BusinessDetailsUpdate.Address2)] = update.Address2,
        [nameof(BusinessDetailsUpdate.City)] = update.City,
        [nameof(BusinessDetailsUpdate.State)] = update.State,
        [nameof(BusinessDetailsUpdate.PostalCode)] = update.PostalCode,
        [nameof(BusinessDetailsUpdate.CountryCode)] = update.CountryCode,
        [nameof(BusinessDetailsUpdate.Website)] = update.Website,
        [nameof(BusinessDetailsUpdate.ContactFirstName)] = update.ContactFirstName,
        [nameof(BusinessDetailsUpdate.ContactLastName)] = update.ContactLastName,
        [nameof(BusinessDetailsUpdate.ContactEmail)] = update.ContactEmail,
        [nameof(BusinessDetailsUpdate.ContactPhone)] = update.ContactPhone,
    };

    public static void Apply(PartnerBusinessDetails details, BusinessDetailsUpdate update)
    {
        details.Name = update.Name;
        details.LegalName = update.LegalName;
        details.Address1 = update.Address1;
        details.Address2 = update.Address2;
        details.City = update.City;
        details.State = update.State;
        details.PostalCode = update.PostalCode;
        details.CountryCode = update.CountryCode;
        details.Website = update.Website;
        details.ContactFirstName = update.ContactFirstName;
        details.ContactLastName = update.ContactLastName;
        details.ContactEmail = update.ContactEmail;
        details.ContactPhone = update.ContactPhone;
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

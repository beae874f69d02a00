using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;

namespace PartnerPortal.Domain.Accounts;

/// <summary>
/// Cleans and checks account information before it is stored (portal forms and APIs alike): values
/// are trimmed, blanks become null, codes are upper-cased; a value that is present must be valid.
/// Only the business name is required: an account may be saved incomplete, and the SMS Business
/// Details rule then says what is missing.
/// </summary>
public static class AccountInformationValidator
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(AccountUpdate.BusinessName)] = "Business Name",
        [nameof(AccountUpdate.Address1)] = "Street Address",
        [nameof(AccountUpdate.Address2)] = "Address Line 2",
        [nameof(AccountUpdate.City)] = "City",
        [nameof(AccountUpdate.State)] = "State",
        [nameof(AccountUpdate.PostalCode)] = "Postal Code",
        [nameof(AccountUpdate.CountryCode)] = "Country",
        [nameof(AccountUpdate.WebsiteUrl)] = "Website URL",
        [nameof(AccountUpdate.AlternativeWebsiteUrl)] = "Alternative Website URL",
        [nameof(AccountUpdate.PracticePhone)] = "Practice Phone",
    };

    private static readonly IReadOnlyDictionary<string, int> MaxLengths = new Dictionary<string, int>
    {
        [nameof(AccountUpdate.BusinessName)] = 200,
        [nameof(AccountUpdate.Address1)] = 200,
        [nameof(AccountUpdate.Address2)] = 200,
        [nameof(AccountUpdate.City)] = 100,
        [nameof(AccountUpdate.State)] = 50,
        [nameof(AccountUpdate.PostalCode)] = 20,
        [nameof(AccountUpdate.CountryCode)] = 10,
        [nameof(AccountUpdate.WebsiteUrl)] = 500,
        [nameof(AccountUpdate.AlternativeWebsiteUrl)] = 500,
        [nameof(AccountUpdate.PracticePhone)] = 20,
    };

    /// <summary>The update's fields by name, in form order.</summary>
    public static IReadOnlyDictionary<string, string?> Fields(AccountUpdate update) => new Dictionary<string, string?>
    {
        [nameof(AccountUpdate.BusinessName)] = update.BusinessName,
        [nameof(AccountUpdate.Address1)] = update.Address1,
        [nameof(AccountUpdate.Address2)] = update.Address2,
        [nameof(AccountUpdate.City)] = update.City,
        [nameof(AccountUpdate.State)] = update.State,
        [nameof(AccountUpdate.PostalCode)] = update.PostalCode,
        [nameof(AccountUpdate.CountryCode)] = update.CountryCode,
        [nameof(AccountUpdate.WebsiteUrl)] = update.WebsiteUrl,
        [nameof(AccountUpdate.AlternativeWebsiteUrl)] = update.AlternativeWebsiteUrl,
        [nameof(AccountUpdate.PracticePhone)] = update.PracticePhone,
    };

    /// <summary>The update fields that fix a problem of the SMS Business Details rule located on the account.</summary>
    public static IReadOnlyList<string> FieldsFor(CompletenessProblem problem) => problem.Where != FixLocation.Account
        ? []
        : problem.Field switch
        {
            CompletenessFields.BusinessName => [nameof(AccountUpdate.BusinessName)],
            CompletenessFields.Address1 => [nameof(AccountUpdate.Address1)],
            CompletenessFields.City => [nameof(AccountUpdate.City)],
            CompletenessFields.State => [nameof(AccountUpdate.State)],
            CompletenessFields.PostalCode => [nameof(AccountUpdate.PostalCode)],
            CompletenessFields.CountryCode => [nameof(AccountUpdate.CountryCode)],
            CompletenessFields.Website => [nameof(AccountUpdate.WebsiteUrl), nameof(AccountUpdate.AlternativeWebsiteUrl)],
            _ => [],
        };

    /// <summary>Returns the cleaned update, or one error per invalid field (each naming its field).</summary>
    public static Result<AccountUpdate> Validate(AccountUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);

        var country = BusinessFieldValidators.NormalizeCountry(update.CountryCode);
        var clean = new AccountUpdate(
            Clean(update.BusinessName),
            Clean(update.Address1),
            Clean(update.Address2),
            Clean(update.City),
            country is "US" or "CA" ? Clean(update.State)?.ToUpperInvariant() : Clean(update.State),
            country == "CA" ? Clean(update.PostalCode)?.ToUpperInvariant() : Clean(update.PostalCode),
            country,
            Clean(update.WebsiteUrl),
            Clean(update.AlternativeWebsiteUrl),
            Clean(update.PracticePhone));

        var errors = new List<Error>();
        if (clean.BusinessName is null)
        {
            errors.Add(Error.ForField(nameof(AccountUpdate.BusinessName), "Business Name is required."));
        }

        var knownCountry = BusinessFieldValidators.IsCountryCode(country) ? country : null;
        if (country is not null && knownCountry is null)
        {
            errors.Add(Error.ForField(nameof(AccountUpdate.CountryCode), "Country must be a two-letter ISO 3166-1 code such as US."));
        }

        if (clean.State is not null && knownCountry is not null && !BusinessFieldValidators.IsState(knownCountry, clean.State))
        {
            errors.Add(Error.ForField(nameof(AccountUpdate.State), knownCountry == "CA"
                ? "State must be a Canadian province or territory code such as ON."
                : "State must be a US state code such as OH."));
        }

        if (clean.PostalCode is not null && knownCountry is not null && !BusinessFieldValidators.IsPostalCode(knownCountry, clean.PostalCode))
        {
            errors.Add(Error.ForField(nameof(AccountUpdate.PostalCode), knownCountry == "CA"
                ? "Postal Code must be a Canadian postal code such as K1A 0B1."
                : "Postal Code must be a US ZIP code such as 43215 or 43215-1234."));
        }

        foreach (var (field, value) in new[]
                 {
                     (nameof(AccountUpdate.WebsiteUrl), clean.WebsiteUrl),
                     (nameof(AccountUpdate.AlternativeWebsiteUrl), clean.AlternativeWebsiteUrl),
                 })
        {
            if (value is not null && !BusinessFieldValidators.IsHttpUrl(value))
            {
                errors.Add(Error.ForField(field, $"{Labels[field]} must be an absolute http(s) address such as https://example.com."));
            }
        }

        // The practice phone in E.164, read as a number of the account's country (US when none is known).
        if (clean.PracticePhone is { } phone)
        {
            var region = knownCountry ?? "US";
            if (BusinessFieldValidators.TryNormalizePhone(phone, region, out var e164))
            {
                clean = clean with { PracticePhone = e164 };
            }
            else
            {
                errors.Add(Error.ForField(nameof(AccountUpdate.PracticePhone),
                    $"Practice Phone is not a valid {region} phone number; enter it like (614) 555-0123 or +16145550123."));
            }
        }

        // Lengths last, for fields without a more specific error.
        foreach (var (field, value) in Fields(clean))
        {
            if (value is not null && value.Length > MaxLengths[field] && !errors.Any(e => e.Field == field))
            {
                errors.Add(Error.ForField(field, $"{Labels[field]} must be at most {MaxLengths[field]} characters."));
            }
        }

        return errors.Count == 0 ? Result<AccountUpdate>.Ok(clean) : Result<AccountUpdate>.Fail(errors);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

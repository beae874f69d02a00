using System.Net.Mail;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace PartnerPortal.Domain.Completeness;

/// <summary>
/// Validators for business information values (DESIGN §3), shared by the completeness rule, forms and APIs. Free-text checks
/// ignore surrounding whitespace; <see cref="IsCountryCode"/> and <see cref="IsE164"/> accept only the canonical form, which
/// <see cref="NormalizeCountry"/> and <see cref="TryNormalizePhone"/> produce.
/// </summary>
public static partial class BusinessFieldValidators
{
    private static readonly PhoneNumberUtil _phoneNumberUtil = PhoneNumberUtil.GetInstance();

    private static readonly HashSet<string> _usStates = new(StringComparer.Ordinal)
    {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
        "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
        "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
        "WI", "WY",
        "DC",
        "PR", "GU", "VI", "AS", "MP",
        "AA", "AE", "AP",
    };

    private static readonly HashSet<string> _canadianProvinces = new(StringComparer.Ordinal)
    {
        "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
    };

    /// <summary>
    /// An absolute http or https URL whose host contains a dot (so not <c>localhost</c> or a bare
    /// name), without whitespace inside.
    /// </summary>
    public static bool IsHttpUrl(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !text.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var host = uri.IdnHost;
        return host.Contains('.')
            && !host.StartsWith('.')
            && !host.EndsWith('.')
            && !host.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>
    /// A plain email address (no display name, no <c>mailto:</c>) that <see cref="MailAddress"/>
    /// parses to exactly the same address, with a dot inside its domain.
    /// </summary>
    public static bool IsEmail(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (!MailAddress.TryCreate(text, out var address) || address.Address != text)
        {
            return false;
        }

        var at = text.LastIndexOf('@');
        var domain = text[(at + 1)..];
        var local = text[..at];
        return !local.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
            && domain.Contains('.')
            && !domain.StartsWith('.')
            && !domain.EndsWith('.')
            && !domain.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>
    /// Parses a phone number as people type it (e.g. <c>"(614) 555-0123"</c> with region
    /// <c>"US"</c>) and gives its E.164 form (<c>"+16145550123"</c>). False, with an empty
    /// <paramref name="e164"/>, when the number cannot be parsed or is not a valid number.
    /// </summary>
    public static bool TryNormalizePhone(string? value, string defaultRegion, out string e164)
    {
        e164 = string.Empty;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        try
        {
            var region = string.IsNullOrWhiteSpace(defaultRegion) ? "ZZ" : defaultRegion.Trim().ToUpperInvariant();
            var number = _phoneNumberUtil.Parse(value.Trim(), region);
            if (!_phoneNumberUtil.IsValidNumber(number))
            {
                return false;
            }

            e164 = _phoneNumberUtil.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Already exactly in E.164 form (e.g. <c>"+16145550123"</c>) and a valid number.</summary>
    public static bool IsE164(string? value)
    {
        if (value is null || !E164Shape().IsMatch(value))
        {
            return false;
        }

        try
        {
            var number = _phoneNumberUtil.Parse(value, "ZZ");
            return _phoneNumberUtil.IsValidNumber(number)
                && _phoneNumberUtil.Format(number, PhoneNumberFormat.E164) == value;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>An officially assigned ISO 3166-1 alpha-2 code, in upper case (e.g. <c>"US"</c>).</summary>
    public static bool IsCountryCode(string? value) => value is not null && IsoCountryCodes.All.Contains(value);

    /// <summary>
    /// US: a state, DC, territory (PR, GU, VI, AS, MP) or military (AA, AE, AP) code; CA: a province
    /// or territory code (both case-insensitive); any other or unknown country: any non-empty value.
    /// </summary>
    public static bool IsState(string? country, string? state)
    {
        var code = state?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        return NormalizeCountry(country) switch
        {
            "US" => _usStates.Contains(code),
            "CA" => _canadianProvinces.Contains(code),
            _ => true,
        };
    }

    /// <summary>
    /// US: <c>12345</c>, <c>12345-6789</c> or <c>123456789</c>; CA: <c>A1A 1A1</c> with the letters
    /// Canada Post uses (space optional, case-insensitive); any other or unknown country: any
    /// non-empty value.
    /// </summary>
    public static bool IsPostalCode(string? country, string? postal)
    {
        var code = postal?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        return NormalizeCountry(country) switch
        {
            "US" => UsZipCode().IsMatch(code),
            "CA" => CanadianPostalCode().IsMatch(code.ToUpperInvariant()),
            _ => true,
        };
    }

    /// <summary>Trims and upper-cases a country code (<c>" us "</c> → <c>"US"</c>); null when blank.</summary>
    public static string? NormalizeCountry(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164Shape();

    [GeneratedRegex(@"^[0-9]{5}(-?[0-9]{4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex UsZipCode();

    // First letter: not D, F, I, O, Q, U, W, Z; other letters: not D, F, I, O, Q, U.
    [GeneratedRegex(@"^[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex CanadianPostalCode();
}

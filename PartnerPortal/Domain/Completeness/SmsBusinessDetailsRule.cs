using static PartnerPortal.Domain.Completeness.CompletenessFields;

namespace PartnerPortal.Domain.Completeness;

/// <summary>
/// The one rule for whether an account's SMS business details suffice for number verification (DESIGN §3). Values are trimmed
/// (whitespace-only is missing). The first website present is the one used, so an invalid one is a problem, never skipped, and
/// <see cref="AccountFieldsComplete"/> is false for it: <c>Evaluate(a, p).IsComplete == AccountFieldsComplete(a) &amp;&amp;
/// PartnerContactComplete(p) &amp;&amp; (HasOwnValidWebsite(a) || PartnerWebsiteValid(p))</c> holds for every input.
/// </summary>
public static class SmsBusinessDetailsRule
{
    private const string OnAccount = "on the account";
    private const string OnPartner = "on the partner's business details";

    public static CompletenessResult Evaluate(AccountBusinessInfo account, PartnerContactInfo partner)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(partner);

        var problems = new List<CompletenessProblem>();
        problems.AddRange(AccountFieldProblems(account));

        var (website, source, websiteProblem) = ResolveWebsite(account, partner);
        if (websiteProblem is not null)
        {
            problems.Add(websiteProblem);
        }

        problems.AddRange(PartnerContactProblems(partner));

        return new CompletenessResult(problems.Count == 0, problems.AsReadOnly(), website, source);
    }

    /// <summary>
    /// The account's required fields other than the website (business name, street address, city,
    /// state, postal code, country) are present and valid, and the account holds no invalid website
    /// that would be used. A missing account website does not make this false (the partner's
    /// website may be used instead).
    /// </summary>
    public static bool AccountFieldsComplete(AccountBusinessInfo account)
    {
        ArgumentNullException.ThrowIfNull(account);

        var (url, _) = PickOwnWebsite(account);
        return !AccountFieldProblems(account).Any()
            && (url is null || BusinessFieldValidators.IsHttpUrl(url));
    }

    /// <summary>
    /// The account's own website that would be used (Website URL, else Alternative Website URL) is
    /// present and valid.
    /// </summary>
    public static bool HasOwnValidWebsite(AccountBusinessInfo account)
    {
        ArgumentNullException.ThrowIfNull(account);

        var (url, _) = PickOwnWebsite(account);
        return url is not null && BusinessFieldValidators.IsHttpUrl(url);
    }

    /// <summary>The partner's contact first name, last name, email and E.164 phone are present and valid.</summary>
    public static bool PartnerContactComplete(PartnerContactInfo partner)
    {
        ArgumentNullException.ThrowIfNull(partner);

        return !PartnerContactProblems(partner).Any();
    }

    /// <summary>The partner's website is present and a valid http(s) URL.</summary>
    public static bool PartnerWebsiteValid(PartnerContactInfo partner)
    {
        ArgumentNullException.ThrowIfNull(partner);

        return BusinessFieldValidators.IsHttpUrl(Clean(partner.Website));
    }

    private static IEnumerable<CompletenessProblem> AccountFieldProblems(AccountBusinessInfo account)
    {
        var country = BusinessFieldValidators.NormalizeCountry(account.CountryCode);
        var knownCountry = BusinessFieldValidators.IsCountryCode(country) ? country : null;

        if (Clean(account.BusinessName) is null)
        {
            yield return Missing(BusinessName, FixLocation.Account);
        }

        if (Clean(account.Address1) is null)
        {
            yield return Missing(Address1, FixLocation.Account);
        }

        if (Clean(account.City) is null)
        {
            yield return Missing(City, FixLocation.Account);
        }

        var state = Clean(account.State);
        if (state is null)
        {
            yield return Missing(State, FixLocation.Account);
        }
        else if (knownCountry is not null && !BusinessFieldValidators.IsState(knownCountry, state))
        {
            yield return Invalid(State, FixLocation.Account, knownCountry == "CA"
                ? "is not a valid Canadian province or territory code (e.g. ON)"
                : "is not a valid US state code (e.g. OH)");
        }

        var postalCode = Clean(account.PostalCode);
        if (postalCode is null)
        {
            yield return Missing(PostalCode, FixLocation.Account);
        }
        else if (knownCountry is not null && !BusinessFieldValidators.IsPostalCode(knownCountry, postalCode))
        {
            yield return Invalid(PostalCode, FixLocation.Account, knownCountry == "CA"
                ? "is not a valid Canadian postal code (e.g. K1A 0B1)"
                : "is not a valid US ZIP code (e.g. 43215 or 43215-1234)");
        }

        if (country is null)
        {
            yield return Missing(CountryCode, FixLocation.Account);
        }
        else if (knownCountry is null)
        {
            yield return Invalid(CountryCode, FixLocation.Account,
                "is not a valid ISO 3166-1 alpha-2 country code (e.g. US)");
        }
    }

    private static (string? Url, WebsiteSource Source, CompletenessProblem? Problem) ResolveWebsite(
        AccountBusinessInfo account, PartnerContactInfo partner)
    {
        var (ownUrl, ownSource) = PickOwnWebsite(account);
        if (ownUrl is not null)
        {
            if (BusinessFieldValidators.IsHttpUrl(ownUrl))
            {
                return (ownUrl, ownSource, null);
            }

            var which = ownSource == WebsiteSource.Account ? "Website URL" : "Alternative Website URL";
            return (null, WebsiteSource.None, new CompletenessProblem(
                Website, LabelFor(Website), FixLocation.Account, ProblemReason.Invalid,
                $"{which} {OnAccount} is not a valid web address; use an absolute http(s) URL such as https://example.com."));
        }

        var partnerUrl = Clean(partner.Website);
        if (partnerUrl is not null)
        {
            return BusinessFieldValidators.IsHttpUrl(partnerUrl)
                ? (partnerUrl, WebsiteSource.Partner, null)
                : (null, WebsiteSource.None, Invalid(Website, FixLocation.Partner,
                    "is not a valid web address; use an absolute http(s) URL such as https://example.com"));
        }

        return (null, WebsiteSource.None, new CompletenessProblem(
            Website, LabelFor(Website), FixLocation.Account, ProblemReason.Missing,
            $"{LabelFor(Website)} is missing {OnAccount}, and the partner's business details have no website to fall back on."));
    }

    private static IEnumerable<CompletenessProblem> PartnerContactProblems(PartnerContactInfo partner)
    {
        if (Clean(partner.ContactFirstName) is null)
        {
            yield return Missing(ContactFirstName, FixLocation.Partner);
        }

        if (Clean(partner.ContactLastName) is null)
        {
            yield return Missing(ContactLastName, FixLocation.Partner);
        }

        var email = Clean(partner.ContactEmail);
        if (email is null)
        {
            yield return Missing(ContactEmail, FixLocation.Partner);
        }
        else if (!BusinessFieldValidators.IsEmail(email))
        {
            yield return Invalid(ContactEmail, FixLocation.Partner, "is not a valid email address (e.g. name@example.com)");
        }

        var phone = Clean(partner.ContactPhone);
        if (phone is null)
        {
            yield return Missing(ContactPhone, FixLocation.Partner);
        }
        else if (!BusinessFieldValidators.IsE164(phone))
        {
            yield return Invalid(ContactPhone, FixLocation.Partner, "is not a valid phone number in E.164 form (e.g. +16145550123)");
        }
    }

    private static (string? Url, WebsiteSource Source) PickOwnWebsite(AccountBusinessInfo account)
    {
        if (Clean(account.WebsiteUrl) is { } url)
        {
            return (url, WebsiteSource.Account);
        }

        if (Clean(account.AlternativeWebsiteUrl) is { } alternative)
        {
            return (alternative, WebsiteSource.AlternativeWebsite);
        }

        return (null, WebsiteSource.None);
    }

    private static CompletenessProblem Missing(string field, FixLocation where) =>
        new(field, LabelFor(field), where, ProblemReason.Missing, $"{LabelFor(field)} is missing {Place(where)}.");

    private static CompletenessProblem Invalid(string field, FixLocation where, string why) =>
        new(field, LabelFor(field), where, ProblemReason.Invalid, $"{LabelFor(field)} {Place(where)} {why}.");

    private static string Place(FixLocation where) => where == FixLocation.Account ? OnAccount : OnPartner;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

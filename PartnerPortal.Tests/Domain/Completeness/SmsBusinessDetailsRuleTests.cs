using FluentAssertions;
using PartnerPortal.Domain.Completeness;
using static PartnerPortal.Tests.Domain.Completeness.CompletenessTestData;

namespace PartnerPortal.Tests.Domain.Completeness;

public class SmsBusinessDetailsRuleTests : SmsBusinessDetailsRuleTestBase
{
    public static TheoryData<string, string, string?> AccountFieldsMissing()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var (field, label) in new[]
        {
            ("businessName", "Business Name"),
            ("address1", "Street Address"),
            ("city", "City"),
            ("state", "State"),
            ("postalCode", "Postal Code"),
            ("countryCode", "Country"),
        })
        {
            foreach (var blank in _blankValues)
            {
                data.Add(field, label, blank);
            }
        }

        return data;
    }

    [Fact]
    public void Evaluate_CompleteAccountAndPartner_IsCompleteWithOwnWebsite()
    {
        var result = SmsBusinessDetailsRule.Evaluate(CompleteAccount, CompletePartner);

        result.IsComplete.Should().BeTrue();
        result.Problems.Should().BeEmpty();
        result.ResolvedWebsite.Should().Be("https://riverside-dental.example.com");
        result.WebsiteSource.Should().Be(WebsiteSource.Account);
        result.UsesPartnerWebsite.Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(AccountFieldsMissing))]
    public void Evaluate_AccountFieldMissing_ReportsMissingOnAccount(string field, string label, string? blank)
    {
        var result = SmsBusinessDetailsRule.Evaluate(AccountWith(field, blank), CompletePartner);

        result.IsComplete.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should().Be(new CompletenessProblem(
            field, label, FixLocation.Account, ProblemReason.Missing, $"{label} is missing on the account."));
    }

    [Fact]
    public void Evaluate_Address1Missing_UsesTheExampleMessage()
    {
        var result = SmsBusinessDetailsRule.Evaluate(CompleteAccount with { Address1 = " " }, CompletePartner);

        result.Problems.Single().Message.Should().Be("Street Address is missing on the account.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Evaluate_Address2Missing_IsComplete(string? address2)
    {
        var result = SmsBusinessDetailsRule.Evaluate(CompleteAccount with { Address2 = address2 }, CompletePartner);

        result.IsComplete.Should().BeTrue();
    }

    [Theory]
    [InlineData("businessName", "  Riverside Dental  ")]
    [InlineData("address1", "PO Box 7")]
    [InlineData("city", "St. John's")]
    public void Evaluate_FreeTextAccountFieldWithAnyNonBlankValue_IsNotAProblem(string field, string value)
    {
        // Business name, street address and city have no format: any non-blank value is valid.
        var result = SmsBusinessDetailsRule.Evaluate(AccountWith(field, value), CompletePartner);

        result.IsComplete.Should().BeTrue();
    }

    [Theory]
    [InlineData("US", "ZZ", "State on the account is not a valid US state code (e.g. OH).")]
    [InlineData("US", "Ohio", "State on the account is not a valid US state code (e.g. OH).")]
    [InlineData("US", "ON", "State on the account is not a valid US state code (e.g. OH).")]
    [InlineData("CA", "OH", "State on the account is not a valid Canadian province or territory code (e.g. ON).")]
    [InlineData("CA", "PQ", "State on the account is not a valid Canadian province or territory code (e.g. ON).")]
    public void Evaluate_StateInvalidForCountry_ReportsInvalidState(string country, string state, string message)
    {
        var postal = country == "CA" ? "K1A 0B1" : "43215";
        var account = CompleteAccount with { CountryCode = country, State = state, PostalCode = postal };

        var result = SmsBusinessDetailsRule.Evaluate(account, CompletePartner);

        result.IsComplete.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should().Be(new CompletenessProblem(
            "state", "State", FixLocation.Account, ProblemReason.Invalid, message));
    }

    [Theory]
    [InlineData("US", "OH", "4321", "Postal Code on the account is not a valid US ZIP code (e.g. 43215 or 43215-1234).")]
    [InlineData("US", "OH", "43215-12", "Postal Code on the account is not a valid US ZIP code (e.g. 43215 or 43215-1234).")]
    [InlineData("US", "OH", "K1A 0B1", "Postal Code on the account is not a valid US ZIP code (e.g. 43215 or 43215-1234).")]
    [InlineData("CA", "ON", "43215", "Postal Code on the account is not a valid Canadian postal code (e.g. K1A 0B1).")]
    [InlineData("CA", "ON", "D1A 0B1", "Postal Code on the account is not a valid Canadian postal code (e.g. K1A 0B1).")]
    public void Evaluate_PostalCodeInvalidForCountry_ReportsInvalidPostalCode(string country, string state, string postal, string message)
    {
        var account = CompleteAccount with { CountryCode = country, State = state, PostalCode = postal };

        var result = SmsBusinessDetailsRule.Evaluate(account, CompletePartner);

        result.IsComplete.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should().Be(new CompletenessProblem(
            "postalCode", "Postal Code", FixLocation.Account, ProblemReason.Invalid, message));
    }

    [Theory]
    [InlineData("US", "OH", "43215")]
    [InlineData("US", "DC", "20500-0003")]
    [InlineData("US", "PR", "009011234")]
    [InlineData("US", "ae", " 09001 ")]
    [InlineData("CA", "ON", "K1A 0B1")]
    [InlineData("CA", "QC", "h3z2y7")]
    [InlineData("CA", "bc", "v6b 1a1")]
    [InlineData("GB", "London", "SW1A 1AA")]
    [InlineData("DE", "Berlin", "10117")]
    public void Evaluate_StateAndPostalCodeValidForCountry_IsComplete(string country, string state, string postal)
    {
        var account = CompleteAccount with { CountryCode = country, State = state, PostalCode = postal };

        var result = SmsBusinessDetailsRule.Evaluate(account, CompletePartner);

        result.IsComplete.Should().BeTrue();
    }

    [Theory]
    [InlineData("USA")]
    [InlineData("XX")]
    [InlineData("UK")]
    [InlineData("U.S.")]
    [InlineData("1")]
    public void Evaluate_CountryInvalid_ReportsInvalidCountry(string country)
    {
        var result = SmsBusinessDetailsRule.Evaluate(CompleteAccount with { CountryCode = country }, CompletePartner);

        result.IsComplete.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should().Be(new CompletenessProblem(
            "countryCode", "Country", FixLocation.Account, ProblemReason.Invalid,
            "Country on the account is not a valid ISO 3166-1 alpha-2 country code (e.g. US)."));
    }

    [Theory]
    [InlineData("us")]
    [InlineData(" US ")]
    [InlineData("Us")]
    public void Evaluate_CountryInOtherCaseOrPadded_IsNormalisedAndComplete(string country)
    {
        var result = SmsBusinessDetailsRule.Evaluate(CompleteAccount with { CountryCode = country }, CompletePartner);

        result.IsComplete.Should().BeTrue();
    }

    [Fact]
    public void Evaluate_CountryLowercaseCa_AppliesCanadianChecks()
    {
        var account = CompleteAccount with { CountryCode = "ca", State = "OH", PostalCode = "43215" };

        var result = SmsBusinessDetailsRule.Evaluate(account, CompletePartner);

        result.Problems.Select(p => p.Field).Should().Equal("state", "postalCode");
    }

    [Theory]
    [InlineData("USA")]
    [InlineData("XX")]
    public void Evaluate_CountryInvalid_SkipsCountrySpecificStateAndPostalChecks(string country)
    {
        var account = CompleteAccount with { CountryCode = country, State = "Ohio", PostalCode = "ABC" };

        var result = SmsBusinessDetailsRule.Evaluate(account, CompletePartner);

        result.Problems.Should().ContainSingle().Which.Field.Should().Be("countryCode");
    }

    [Fact]
    public void Evaluate_CountryMissing_StillRequiresStateAndPostalPresence()
    {
        var account = CompleteAccount with { CountryCode = null, State = " ", PostalCode = "not-a-zip" };

        var result = SmsBusinessDetailsRule.Evaluate(account, CompletePartner);

        result.Problems.Select(p => (p.Field, p.Reason)).Should().Equal(
            ("state", ProblemReason.Missing),
            ("countryCode", ProblemReason.Missing));
    }

    [Fact]
    public void Evaluate_EverythingBlank_ListsProblemsInFieldOrder()
    {
        var account = new AccountBusinessInfo(null, null, null, null, null, null, null, null, null);
        var partner = new PartnerContactInfo(null, null, null, null, null);

        var result = SmsBusinessDetailsRule.Evaluate(account, partner);

        result.IsComplete.Should().BeFalse();
        result.Problems.Select(p => p.Field).Should().Equal(
            "businessName", "address1", "city", "state", "postalCode", "countryCode", "website",
            "contactFirstName", "contactLastName", "contactEmail", "contactPhone");
        result.Problems.Select(p => p.Label).Should().Equal(
            "Business Name", "Street Address", "City", "State", "Postal Code", "Country", "Website",
            "Contact First Name", "Contact Last Name", "Contact Email", "Contact Phone");
        result.Problems.Select(p => p.Where).Should().Equal(
            Enumerable.Repeat(FixLocation.Account, 7).Concat(Enumerable.Repeat(FixLocation.Partner, 4)));
        result.Problems.Should().OnlyContain(p => p.Reason == ProblemReason.Missing);
    }

    [Fact]
    public void Evaluate_MixedInvalidValues_OrdersWebsiteBetweenAccountAndPartnerProblems()
    {
        var account = CompleteAccount with { City = null, CountryCode = "USA", WebsiteUrl = "example.com" };
        var partner = CompletePartner with { ContactFirstName = null, ContactPhone = "614-555-0123" };

        var result = SmsBusinessDetailsRule.Evaluate(account, partner);

        result.Problems.Select(p => (p.Field, p.Where, p.Reason)).Should().Equal(
            ("city", FixLocation.Account, ProblemReason.Missing),
            ("countryCode", FixLocation.Account, ProblemReason.Invalid),
            ("website", FixLocation.Account, ProblemReason.Invalid),
            ("contactFirstName", FixLocation.Partner, ProblemReason.Missing),
            ("contactPhone", FixLocation.Partner, ProblemReason.Invalid));
    }

    [Fact]
    public void Evaluate_AnyProblem_MessageIsOneSentenceNamingTheLabel()
    {
        var account = new AccountBusinessInfo(null, null, null, null, "ZZ", "1", "US", "ftp://x.com", null);
        var partner = new PartnerContactInfo(null, null, null, "x@", "123");

        var result = SmsBusinessDetailsRule.Evaluate(account, partner);

        result.Problems.Should().HaveCount(10).And.OnlyContain(p =>
            p.Message.StartsWith(p.Label + " ") && p.Message.EndsWith('.'));
    }

    [Fact]
    public void Evaluate_NullArguments_Throw()
    {
        var withoutAccount = () => SmsBusinessDetailsRule.Evaluate(null!, CompletePartner);
        var withoutPartner = () => SmsBusinessDetailsRule.Evaluate(CompleteAccount, null!);

        withoutAccount.Should().Throw<ArgumentNullException>();
        withoutPartner.Should().Throw<ArgumentNullException>();
    }
}

using FluentAssertions;
using PartnerPortal.Domain.Completeness;
using static PartnerPortal.Tests.Domain.Completeness.CompletenessTestData;

namespace PartnerPortal.Tests.Domain.Completeness;

/// <summary>
/// The parts the database stores for set-based re-evaluation must agree with <see cref="SmsBusinessDetailsRule.Evaluate"/>.
/// </summary>
public class SmsBusinessDetailsRulePartsTests
{
    private static readonly Dictionary<string, AccountBusinessInfo> _accounts = new()
    {
        ["complete"] = CompleteAccount,
        ["alternativeOnly"] = CompleteAccount with { WebsiteUrl = null, AlternativeWebsiteUrl = "https://alt.example.org" },
        ["noWebsite"] = CompleteAccount with { WebsiteUrl = null, AlternativeWebsiteUrl = null },
        ["invalidOwnValidAlternative"] = CompleteAccount with { WebsiteUrl = "example.com", AlternativeWebsiteUrl = "https://alt.example.org" },
        ["invalidAlternativeOnly"] = CompleteAccount with { WebsiteUrl = " ", AlternativeWebsiteUrl = "http://" },
        ["validOwnInvalidAlternative"] = CompleteAccount with { AlternativeWebsiteUrl = "ftp://x.com" },
        ["missingCity"] = CompleteAccount with { City = "" },
        ["invalidZipNoWebsite"] = CompleteAccount with { PostalCode = "ABCDE", WebsiteUrl = null },
        ["invalidCountry"] = CompleteAccount with { CountryCode = "USA" },
        ["canadian"] = CompleteAccount with { CountryCode = "ca", State = "QC", PostalCode = "h3z 2y7" },
    };

    private static readonly Dictionary<string, PartnerContactInfo> _partners = new()
    {
        ["complete"] = CompletePartner,
        ["noWebsite"] = CompletePartner with { Website = null },
        ["invalidWebsite"] = CompletePartner with { Website = "http://localhost" },
        ["missingLastName"] = CompletePartner with { ContactLastName = "  " },
        ["localPhone"] = CompletePartner with { ContactPhone = "(614) 555-0123" },
        ["invalidEmailNoWebsite"] = CompletePartner with { ContactEmail = "dana@", Website = null },
    };

    public static TheoryData<string, string> Combinations()
    {
        var data = new TheoryData<string, string>();
        foreach (var account in _accounts.Keys)
        {
            foreach (var partner in _partners.Keys)
            {
                data.Add(account, partner);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Evaluate_AnyCombination_IsCompleteEqualsStoredParts(string accountName, string partnerName)
    {
        var account = _accounts[accountName];
        var partner = _partners[partnerName];
        var fromParts = SmsBusinessDetailsRule.AccountFieldsComplete(account)
            && SmsBusinessDetailsRule.PartnerContactComplete(partner)
            && (SmsBusinessDetailsRule.HasOwnValidWebsite(account) || SmsBusinessDetailsRule.PartnerWebsiteValid(partner));

        var result = SmsBusinessDetailsRule.Evaluate(account, partner);

        result.IsComplete.Should().Be(fromParts);
        result.IsComplete.Should().Be(result.Problems.Count == 0);
    }

    [Theory]
    [InlineData("complete", "complete", true)]
    [InlineData("noWebsite", "complete", true)]
    [InlineData("noWebsite", "noWebsite", false)]
    [InlineData("noWebsite", "invalidWebsite", false)]
    [InlineData("invalidOwnValidAlternative", "complete", false)]
    [InlineData("validOwnInvalidAlternative", "invalidWebsite", true)]
    [InlineData("canadian", "complete", true)]
    [InlineData("complete", "localPhone", false)]
    public void Evaluate_KnownCombination_HasExpectedCompleteness(string accountName, string partnerName, bool expected)
    {
        var result = SmsBusinessDetailsRule.Evaluate(_accounts[accountName], _partners[partnerName]);

        result.IsComplete.Should().Be(expected);
    }

    [Theory]
    [InlineData("complete", true)]
    [InlineData("noWebsite", true)]
    [InlineData("alternativeOnly", true)]
    [InlineData("validOwnInvalidAlternative", true)]
    [InlineData("canadian", true)]
    [InlineData("invalidOwnValidAlternative", false)]
    [InlineData("invalidAlternativeOnly", false)]
    [InlineData("missingCity", false)]
    [InlineData("invalidZipNoWebsite", false)]
    [InlineData("invalidCountry", false)]
    public void AccountFieldsComplete_Account_ReflectsAccountProblemsOtherThanMissingWebsite(string accountName, bool expected)
    {
        SmsBusinessDetailsRule.AccountFieldsComplete(_accounts[accountName]).Should().Be(expected);
    }

    [Theory]
    [InlineData("complete", true)]
    [InlineData("alternativeOnly", true)]
    [InlineData("validOwnInvalidAlternative", true)]
    [InlineData("noWebsite", false)]
    [InlineData("invalidOwnValidAlternative", false)]
    [InlineData("invalidAlternativeOnly", false)]
    public void HasOwnValidWebsite_Account_IsTrueOnlyWhenTheWebsiteInUseIsValid(string accountName, bool expected)
    {
        SmsBusinessDetailsRule.HasOwnValidWebsite(_accounts[accountName]).Should().Be(expected);
    }

    [Theory]
    [InlineData("complete", true)]
    [InlineData("noWebsite", true)]
    [InlineData("invalidWebsite", true)]
    [InlineData("missingLastName", false)]
    [InlineData("localPhone", false)]
    [InlineData("invalidEmailNoWebsite", false)]
    public void PartnerContactComplete_Partner_IgnoresWebsite(string partnerName, bool expected)
    {
        SmsBusinessDetailsRule.PartnerContactComplete(_partners[partnerName]).Should().Be(expected);
    }

    [Theory]
    [InlineData("complete", true)]
    [InlineData("missingLastName", true)]
    [InlineData("noWebsite", false)]
    [InlineData("invalidWebsite", false)]
    public void PartnerWebsiteValid_Partner_ChecksOnlyWebsite(string partnerName, bool expected)
    {
        SmsBusinessDetailsRule.PartnerWebsiteValid(_partners[partnerName]).Should().Be(expected);
    }
}

using FluentAssertions;
using PartnerPortal.Domain.Completeness;
using static PartnerPortal.Tests.Domain.Completeness.CompletenessTestData;

namespace PartnerPortal.Tests.Domain.Completeness;

public class SmsBusinessDetailsRuleWebsiteTests : SmsBusinessDetailsRuleTestBase
{
    [Fact]
    public void Evaluate_AlternativeWebsiteWhenOwnMissing_UsesAlternativeWebsite()
    {
        var account = CompleteAccount with { WebsiteUrl = "  ", AlternativeWebsiteUrl = " http://riverside.example.org/about " };

        var result = SmsBusinessDetailsRule.Evaluate(account, CompletePartner);

        result.IsComplete.Should().BeTrue();
        result.ResolvedWebsite.Should().Be("http://riverside.example.org/about");
        result.WebsiteSource.Should().Be(WebsiteSource.AlternativeWebsite);
        result.UsesPartnerWebsite.Should().BeFalse();
    }

    [Fact]
    public void Evaluate_OwnAndAlternativeWebsite_PrefersOwnWebsite()
    {
        var account = CompleteAccount with { AlternativeWebsiteUrl = "https://alt.example.org" };

        var result = SmsBusinessDetailsRule.Evaluate(account, CompletePartner);

        result.ResolvedWebsite.Should().Be("https://riverside-dental.example.com");
        result.WebsiteSource.Should().Be(WebsiteSource.Account);
    }

    [Fact]
    public void Evaluate_NoAccountWebsite_FallsBackToPartnerWebsiteAndFlagsIt()
    {
        var account = CompleteAccount with { WebsiteUrl = null, AlternativeWebsiteUrl = null };

        var result = SmsBusinessDetailsRule.Evaluate(account, CompletePartner);

        result.IsComplete.Should().BeTrue();
        result.Problems.Should().BeEmpty();
        result.ResolvedWebsite.Should().Be("https://northwind-ehr.example.com");
        result.WebsiteSource.Should().Be(WebsiteSource.Partner);
        result.UsesPartnerWebsite.Should().BeTrue();
    }

    [Fact]
    public void PartnerWebsiteWarning_Always_IsTheDesignWording()
    {
        CompletenessResult.PartnerWebsiteWarning.Should().Be("uses partner website — higher rejection risk");
    }

    [Theory]
    [InlineData("riverside.example.com")]
    [InlineData("ftp://riverside.example.com")]
    [InlineData("http://")]
    public void Evaluate_OwnWebsiteInvalid_ReportsItAndDoesNotFallBack(string websiteUrl)
    {
        var account = CompleteAccount with { WebsiteUrl = websiteUrl, AlternativeWebsiteUrl = "https://alt.example.org" };

        var result = SmsBusinessDetailsRule.Evaluate(account, CompletePartner);

        result.IsComplete.Should().BeFalse();
        result.ResolvedWebsite.Should().BeNull();
        result.WebsiteSource.Should().Be(WebsiteSource.None);
        result.Problems.Should().ContainSingle().Which.Should().Be(new CompletenessProblem(
            "website", "Website", FixLocation.Account, ProblemReason.Invalid,
            "Website URL on the account is not a valid web address; use an absolute http(s) URL such as https://example.com."));
    }

    [Fact]
    public void Evaluate_AlternativeWebsiteInvalidAndUsed_ReportsInvalidOnAccount()
    {
        var account = CompleteAccount with { WebsiteUrl = null, AlternativeWebsiteUrl = "mailto:info@riverside.example.com" };

        var result = SmsBusinessDetailsRule.Evaluate(account, CompletePartner);

        result.IsComplete.Should().BeFalse();
        result.WebsiteSource.Should().Be(WebsiteSource.None);
        result.Problems.Should().ContainSingle().Which.Should().Be(new CompletenessProblem(
            "website", "Website", FixLocation.Account, ProblemReason.Invalid,
            "Alternative Website URL on the account is not a valid web address; use an absolute http(s) URL such as https://example.com."));
    }

    [Fact]
    public void Evaluate_AlternativeWebsiteInvalidButNotUsed_IsComplete()
    {
        var account = CompleteAccount with { AlternativeWebsiteUrl = "not a url" };

        var result = SmsBusinessDetailsRule.Evaluate(account, CompletePartner);

        result.IsComplete.Should().BeTrue();
        result.WebsiteSource.Should().Be(WebsiteSource.Account);
    }

    [Fact]
    public void Evaluate_PartnerWebsiteInvalidAndUsed_ReportsInvalidOnPartner()
    {
        var account = CompleteAccount with { WebsiteUrl = null };
        var partner = CompletePartner with { Website = "northwind-ehr.example.com" };

        var result = SmsBusinessDetailsRule.Evaluate(account, partner);

        result.IsComplete.Should().BeFalse();
        result.WebsiteSource.Should().Be(WebsiteSource.None);
        result.Problems.Should().ContainSingle().Which.Should().Be(new CompletenessProblem(
            "website", "Website", FixLocation.Partner, ProblemReason.Invalid,
            "Website on the partner's business details is not a valid web address; use an absolute http(s) URL such as https://example.com."));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a url")]
    public void Evaluate_PartnerWebsiteMissingOrInvalidButNotUsed_IsComplete(string? partnerWebsite)
    {
        var result = SmsBusinessDetailsRule.Evaluate(CompleteAccount, CompletePartner with { Website = partnerWebsite });

        result.IsComplete.Should().BeTrue();
        result.WebsiteSource.Should().Be(WebsiteSource.Account);
    }

    [Fact]
    public void Evaluate_WebsiteMissingEverywhere_ReportsSingleMissingWebsiteOnAccount()
    {
        var account = CompleteAccount with { WebsiteUrl = " ", AlternativeWebsiteUrl = null };
        var partner = CompletePartner with { Website = "" };

        var result = SmsBusinessDetailsRule.Evaluate(account, partner);

        result.IsComplete.Should().BeFalse();
        result.ResolvedWebsite.Should().BeNull();
        result.WebsiteSource.Should().Be(WebsiteSource.None);
        result.Problems.Should().ContainSingle().Which.Should().Be(new CompletenessProblem(
            "website", "Website", FixLocation.Account, ProblemReason.Missing,
            "Website is missing on the account, and the partner's business details have no website to fall back on."));
    }
}

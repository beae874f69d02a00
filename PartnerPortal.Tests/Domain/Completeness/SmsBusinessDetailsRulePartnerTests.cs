using FluentAssertions;
using PartnerPortal.Domain.Completeness;
using static PartnerPortal.Tests.Domain.Completeness.CompletenessTestData;

namespace PartnerPortal.Tests.Domain.Completeness;

public class SmsBusinessDetailsRulePartnerTests : SmsBusinessDetailsRuleTestBase
{
    public static TheoryData<string, string, string?> PartnerFieldsMissing()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var (field, label) in new[]
        {
            ("contactFirstName", "Contact First Name"),
            ("contactLastName", "Contact Last Name"),
            ("contactEmail", "Contact Email"),
            ("contactPhone", "Contact Phone"),
        })
        {
            foreach (var blank in _blankValues)
            {
                data.Add(field, label, blank);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PartnerFieldsMissing))]
    public void Evaluate_PartnerFieldMissing_ReportsMissingOnPartner(string field, string label, string? blank)
    {
        var result = SmsBusinessDetailsRule.Evaluate(CompleteAccount, PartnerWith(field, blank));

        result.IsComplete.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should().Be(new CompletenessProblem(
            field, label, FixLocation.Partner, ProblemReason.Missing,
            $"{label} is missing on the partner's business details."));
    }

    [Theory]
    [InlineData("dana")]
    [InlineData("dana@northwind")]
    [InlineData("mailto:dana@northwind-ehr.example.com")]
    [InlineData("Dana Reyes <dana@northwind-ehr.example.com>")]
    public void Evaluate_ContactEmailInvalid_ReportsInvalidOnPartner(string email)
    {
        var result = SmsBusinessDetailsRule.Evaluate(CompleteAccount, CompletePartner with { ContactEmail = email });

        result.IsComplete.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should().Be(new CompletenessProblem(
            "contactEmail", "Contact Email", FixLocation.Partner, ProblemReason.Invalid,
            "Contact Email on the partner's business details is not a valid email address (e.g. name@example.com)."));
    }

    [Theory]
    [InlineData("(614) 555-0123")]
    [InlineData("16145550123")]
    [InlineData("+1 614 555 0123")]
    [InlineData("+1614555012")]
    [InlineData("+10005550123")]
    public void Evaluate_ContactPhoneNotValidE164_ReportsInvalidOnPartner(string phone)
    {
        var result = SmsBusinessDetailsRule.Evaluate(CompleteAccount, CompletePartner with { ContactPhone = phone });

        result.IsComplete.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should().Be(new CompletenessProblem(
            "contactPhone", "Contact Phone", FixLocation.Partner, ProblemReason.Invalid,
            "Contact Phone on the partner's business details is not a valid phone number in E.164 form (e.g. +16145550123)."));
    }

    [Theory]
    [InlineData("contactFirstName", "  Dana ")]
    [InlineData("contactLastName", "O'Neil-Reyes")]
    [InlineData("contactEmail", " dana@northwind-ehr.example.com ")]
    [InlineData("contactPhone", " +442079460958 ")]
    public void Evaluate_PartnerFieldValidWithSurroundingWhitespace_IsComplete(string field, string value)
    {
        var result = SmsBusinessDetailsRule.Evaluate(CompleteAccount, PartnerWith(field, value));

        result.IsComplete.Should().BeTrue();
    }
}

using Bunit;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Features.Accounts;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Accounts;

public sealed class SmsNumbersSectionTests : PortalTestContext
{
    private readonly int _partnerId;
    private readonly int _accountId;

    public SmsNumbersSectionTests()
    {
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        _partnerId = partner.Id;
        _accountId = TestData.AddAccount(db, partner, "riverside", null,
            ("default", "Default Location", SmsNumberStatus.Approved, "+16145550123"),
            ("columbus", "Columbus", SmsNumberStatus.Pending, null),
            ("dublin", "Dublin", SmsNumberStatus.Rejected, null),
            ("powell", "Powell", SmsNumberStatus.NoNumber, null)).Id;
        var dublin = db.SmsNumbers.Single(n => n.Location.ExternalId == "dublin" && n.Location.AccountId == _accountId);
        dublin.RejectionReason = "The website does not name the practice.";
        db.SaveChanges();
    }

    private IRenderedComponent<SmsNumbersSection> RenderSection(int? accountId = null)
    {
        var section = Render<SmsNumbersSection>(p => p.Add(s => s.AccountId, accountId ?? _accountId));
        section.WaitForAssertion(() => section.FindAll("[data-testid^='sms-number-']").Should().NotBeEmpty());
        return section;
    }

    private static string Row(IRenderedComponent<SmsNumbersSection> section, string location) =>
        section.Find($"[data-testid='sms-number-{location}']").TextContent;

    [Fact]
    public void Render_EachStatus_ShowsNumberAndBadge()
    {
        ActAs(TestActor.PartnerAdmin(_partnerId));

        var section = RenderSection();

        Row(section, "default").Should().Contain("(614) 555-0123").And.Contain("+16145550123").And.Contain("SMS Approved").And.Contain("Default Location");
        Row(section, "columbus").Should().Contain("Number Pending").And.Contain("SMS Pending").And.NotContain("Add Number");
        Row(section, "dublin").Should().Contain("SMS Rejected").And.Contain("The website does not name the practice.").And.Contain("Resubmit");
        Row(section, "powell").Should().Contain("No Number").And.Contain("Add Number").And.NotContain("SMS ");
    }

    [Fact]
    public void AddNumber_CompleteAccount_RowBecomesPending()
    {
        ActAs(TestActor.PartnerAdmin(_partnerId));
        var section = RenderSection();

        section.Find("[data-testid='sms-number-powell'] [data-testid='add-number']").Click();

        section.WaitForAssertion(() => Row(section, "powell").Should().Contain("SMS Pending").And.Contain("Number Pending"));
        Row(section, "powell").Should().NotContain("Add Number");
    }

    [Fact]
    public void AddNumber_IncompleteAccount_ShowsMissingFieldsWithLinksAndRequestsNothing()
    {
        int lakeside;
        using (var db = Database.CreateDbContext())
        {
            var partner = db.Partners.Single(p => p.Id == _partnerId);
            partner.BusinessDetails.ContactPhone = null;
            db.SaveChanges();
            lakeside = TestData.AddAccount(db, partner, "lakeside", a => a.Address1 = null).Id;
        }

        ActAs(TestActor.PartnerAdmin(_partnerId));
        var section = RenderSection(lakeside);

        section.Find("[data-testid='sms-number-default'] [data-testid='add-number']").Click();

        section.WaitForAssertion(() => section.Find("[data-testid='missing-business-info']"));
        section.FindAll("[data-testid='missing-field']").Select(li => li.TextContent).Should().Contain(text => text.Contains("Street Address"))
            .And.Contain(text => text.Contains("Contact Phone"));
        section.Find("[data-testid='fix-account-link']").GetAttribute("href").Should().Be($"/accounts/{lakeside}");
        section.Find("[data-testid='fix-partner-link']").GetAttribute("href").Should().Be("/business-details");
        Row(section, "default").Should().Contain("Add Number");
        using var check = Database.CreateDbContext();
        check.VerificationRequests.Should().BeEmpty();
    }

    [Fact]
    public void Resubmit_RejectedNumber_RowBecomesPending()
    {
        ActAs(TestActor.PracticeStaff(_partnerId, _accountId));
        var section = RenderSection();

        section.Find("[data-testid='sms-number-dublin'] [data-testid='resubmit-number']").Click();

        section.WaitForAssertion(() => Row(section, "dublin").Should().Contain("SMS Pending"));
        Row(section, "dublin").Should().NotContain("The website does not name the practice.");
    }

    [Fact]
    public void Render_Operator_NoAddNumberAction()
    {
        ActAs(TestActor.Operator());

        var section = RenderSection();

        Row(section, "powell").Should().Contain("No Number").And.NotContain("Add Number");
        section.FindAll("[data-testid='resubmit-number']").Should().BeEmpty();
    }

    [Fact]
    public void Render_OtherPartnersAccount_ShowsNotFound()
    {
        int contosoId;
        using (var db = Database.CreateDbContext())
        {
            contosoId = TestData.AddPartner(db, "contoso").Id;
        }

        ActAs(TestActor.PartnerAdmin(contosoId));
        var section = Render<SmsNumbersSection>(p => p.Add(s => s.AccountId, _accountId));

        section.WaitForAssertion(() => section.Find("[data-testid='sms-numbers-error']").TextContent.Should().Contain("not found"));
        section.FindAll("[data-testid^='sms-number-']").Should().BeEmpty();
    }

    [Fact]
    public void Render_PendingNumber_SaysVerificationUsuallyTakesTwoToThreeBusinessDays()
    {
        ActAs(TestActor.PartnerAdmin(_partnerId));

        var section = RenderSection();

        section.Find("[data-testid='verification-timing']").TextContent.Should().Contain("Verification usually takes 2–3 business days.");
    }
}

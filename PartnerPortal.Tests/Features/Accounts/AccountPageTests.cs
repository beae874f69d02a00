using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerPortal.Features.Accounts;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Accounts;

public sealed class AccountPageTests : PortalTestContext
{
    private readonly int _northwindId;
    private readonly int _riversideId;
    private readonly int _lakesideId;
    private readonly int _hilltopId;
    private readonly int _contosoAccountId;

    public AccountPageTests()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        using var db = Database.CreateDbContext();
        var northwind = TestData.AddPartner(db, "northwind-ehr");
        _northwindId = northwind.Id;
        _riversideId = TestData.AddAccount(db, northwind, "riverside", a => a.BusinessName = "Riverside Family Medicine").Id;
        _lakesideId = TestData.AddAccount(db, northwind, "lakeside", a => { a.BusinessName = "Lakeside Pediatrics"; a.Address1 = null; }).Id;
        _hilltopId = TestData.AddAccount(db, northwind, "hilltop", a => { a.BusinessName = "Hilltop Dermatology"; a.WebsiteUrl = null; }).Id;
        _contosoAccountId = TestData.AddAccount(db, TestData.AddPartner(db, "contoso-health"), "contoso-main").Id;
    }

    [Fact]
    public void ProblemsPanel_MissingStreetAddress_ListedWithReasonAndTheFixOnThisPage()
    {
        var page = RenderAccount(TestActor.SupportAgent(_northwindId), _lakesideId);

        var problem = page.Find("[data-testid='problem-address1']");
        problem.TextContent.Should().Contain("Street Address").And.Contain("Missing").And.Contain("Street Address is missing on the account.");
        problem.QuerySelector("[data-testid='fix-on-account']")!.TextContent.Trim().Should().Be("Account: edit information");
        page.Find("[data-testid='sms-business-details-panel'] [data-testid='sms-status']").TextContent.Trim().Should().Be("Incomplete");
    }

    [Fact]
    public void ProblemsPanel_PartnerContactMissing_LinksToBusinessDetails()
    {
        using (var db = Database.CreateDbContext())
        {
            db.Partners.Single(p => p.Id == _northwindId).BusinessDetails.ContactPhone = null;
            db.SaveChanges();
        }

        var page = RenderAccount(TestActor.PartnerAdmin(_northwindId), _riversideId);

        var problem = page.Find("[data-testid='problem-contactPhone']");
        problem.TextContent.Should().Contain("Contact Phone").And.Contain("Missing");
        problem.QuerySelector("[data-testid='fix-on-partner']")!.GetAttribute("href").Should().Be("business-details");
    }

    [Fact]
    public void ProblemsPanel_CompleteThroughThePartnerWebsite_ShowsTheRiskWarning()
    {
        var page = RenderAccount(TestActor.SupportAgent(_northwindId), _hilltopId);

        page.Find("[data-testid='partner-website-alert']").TextContent.Should().Contain("uses partner website — higher rejection risk");
        page.Find("[data-testid='no-problems']");
    }

    [Fact]
    public void FixOnAccount_OpensTheEditFormAndSavingCompletesTheAccount()
    {
        var page = RenderAccount(TestActor.SupportAgent(_northwindId), _lakesideId);

        page.Find("[data-testid='fix-on-account']").Click();
        page.WaitForAssertion(() => page.Find("[data-testid='account-form']"));
        page.Input("Street Address").Change("9 Lake Road");
        page.Find("[data-testid='account-form']").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid='no-problems']"));
        page.Find("[data-testid='sms-business-details-panel'] [data-testid='sms-status']").TextContent.Trim().Should().Be("Complete");
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message)
            .Should().Equal("Successfully edited Account Information for Lakeside Pediatrics");
    }

    [Fact]
    public void EditForm_InvalidWebsiteUrl_ShowsTheReasonUnderTheField()
    {
        var page = RenderAccount(TestActor.PartnerAdmin(_northwindId), _riversideId);

        page.Find("[data-testid='edit-account']").Click();
        page.WaitForAssertion(() => page.Find("[data-testid='account-form']"));
        page.Input("Alternative Website URL").Change("riverside.example");
        page.Find("[data-testid='account-form']").Submit();

        page.WaitForAssertion(() => page.Field("Alternative Website URL").TextContent
            .Should().Contain("Alternative Website URL must be an absolute http(s) address"));
        using var db = Database.CreateDbContext();
        db.Accounts.AsNoTracking().Single(a => a.Id == _riversideId).AlternativeWebsiteUrl.Should().BeNull();
    }

    [Fact]
    public void EditForm_PracticeStaff_OnlyTheMissingFieldIsEditable()
    {
        var page = RenderAccount(TestActor.PracticeStaff(_northwindId, _lakesideId), _lakesideId);

        page.Find("[data-testid='edit-account']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='account-form']"));
        page.Input("Street Address").HasAttribute("disabled").Should().BeFalse();
        page.Input("Business Name").HasAttribute("disabled").Should().BeTrue();
        page.Input("Website URL").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void AccountPage_PracticeStaffOfAnotherAccount_NotFound()
    {
        ActAs(TestActor.PracticeStaff(_northwindId, _riversideId));

        var page = Render<AccountPage>(p => p.Add(x => x.Id, _lakesideId));

        page.WaitForAssertion(() => page.Find("[data-testid='account-error']").TextContent.Should().Be("The account was not found."));
        page.Markup.Should().NotContain("Lakeside");
    }

    [Fact]
    public void AccountPage_AnotherPartnersAccount_NotFound()
    {
        ActAs(TestActor.PartnerAdmin(_northwindId));

        var page = Render<AccountPage>(p => p.Add(x => x.Id, _contosoAccountId));

        page.WaitForAssertion(() => page.Find("[data-testid='account-error']").TextContent.Should().Be("The account was not found."));
    }

    private IRenderedComponent<AccountPage> RenderAccount(PartnerPortal.Domain.Tenancy.Actor actor, int accountId)
    {
        ActAs(actor);
        var page = Render<AccountPage>(p => p.Add(x => x.Id, accountId));
        page.WaitForAssertion(() => page.Find("[data-testid='sms-business-details-panel']"));
        return page;
    }
}

using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerPortal.Features.BusinessDetails;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.BusinessDetails;

public sealed class BusinessDetailsPageTests : PortalTestContext
{
    private readonly int _northwindId;

    public BusinessDetailsPageTests()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        using var db = Database.CreateDbContext();
        _northwindId = TestData.AddPartner(db, "northwind-ehr").Id;
    }

    [Fact]
    public void BusinessDetailsPage_Table_VendorSlugAndTheLabelledValuesWithCaption()
    {
        ActAs(TestActor.SupportAgent(_northwindId));

        var page = Render<BusinessDetailsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid='business-details-table']"));
        var table = page.Find("[data-testid='business-details-table']");
        table.QuerySelector("caption")!.TextContent.Trim().Should().Be("Vendors and their Business Details.");
        table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).Should().Equal("Vendor", "Business Details");
        var rows = table.QuerySelectorAll("tbody tr");
        rows.Should().ContainSingle();
        rows[0].QuerySelector("th")!.TextContent.Trim().Should().Be("northwind-ehr");
        rows[0].QuerySelectorAll("td dt").Select(dt => dt.TextContent.Trim()).Should().Equal(
            "Name", "Legal Name", "Address", "Website", "Contact First Name", "Contact Last Name", "Contact Email",
            "Contact Phone", "Last Updated At");
        page.Find("[data-testid='business-details-name']").TextContent.Trim().Should().Be("northwind-ehr");
        page.Find("[data-testid='business-details-address']").TextContent.Trim().Should().Be("1 Main Street, Columbus, OH 43215, US");
        page.Find("[data-testid='business-details-contact-phone']").TextContent.Trim().Should().Be("+16145550100");
    }

    [Fact]
    public void BusinessDetailsPage_WebsiteAndContactEmail_AreLinks()
    {
        ActAs(TestActor.SupportAgent(_northwindId));

        var page = Render<BusinessDetailsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid='business-details-website'] a"));
        var website = page.Find("[data-testid='business-details-website'] a");
        website.GetAttribute("href").Should().Be("https://www.partner.example/");
        website.TextContent.Trim().Should().Be("https://www.partner.example");
        var email = page.Find("[data-testid='business-details-contact-email'] a");
        email.GetAttribute("href").Should().Be("mailto:dana@partner.test");
        email.TextContent.Trim().Should().Be("dana@partner.test");
    }

    [Fact]
    public void BusinessDetailsPage_Operator_SeesEveryVendorBySlug()
    {
        using (var db = Database.CreateDbContext())
        {
            TestData.AddPartner(db, "contoso-health");
        }

        ActAs(TestActor.Operator());

        var page = Render<BusinessDetailsPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid='business-details-table'] tbody tr").Should().HaveCount(2));
        page.FindAll("[data-testid='business-details-vendor']").Select(v => v.TextContent.Trim()).Should().Equal("contoso-health", "northwind-ehr");
        page.FindAll("[data-testid='edit-business-details']").Should().BeEmpty();
    }

    [Fact]
    public void BusinessDetailsPage_PartnerUser_SeesOnlyItsOwnVendor()
    {
        using (var db = Database.CreateDbContext())
        {
            TestData.AddPartner(db, "contoso-health");
        }

        ActAs(TestActor.PartnerAdmin(_northwindId));

        var page = Render<BusinessDetailsPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid='business-details-vendor']").Select(v => v.TextContent.Trim())
            .Should().Equal("northwind-ehr"));
    }

    [Theory]
    [InlineData(0, "less than a minute ago")]
    [InlineData(45, "less than a minute ago")]
    [InlineData(2 * 60 * 60, "2 hours ago")]
    [InlineData(3 * 24 * 60 * 60, "3 days ago")]
    public void BusinessDetailsPage_LastUpdatedAt_Humanized(int secondsLater, string expected)
    {
        Clock.Now = new DateTimeOffset(TestData.Now).AddSeconds(secondsLater);
        ActAs(TestActor.SupportAgent(_northwindId));

        var page = Render<BusinessDetailsPage>();

        page.WaitForAssertion(() =>
            page.Find("[data-testid='business-details-last-updated-at']").TextContent.Trim().Should().Be(expected));
    }

    [Fact]
    public void BusinessDetailsPage_SupportAgent_HasNoEditButton()
    {
        ActAs(TestActor.SupportAgent(_northwindId));

        var page = Render<BusinessDetailsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid='business-details-table']"));
        page.FindAll("[data-testid='edit-business-details']").Should().BeEmpty();
    }

    [Fact]
    public void EditForm_InvalidPhone_ShowsTheReasonUnderTheField()
    {
        var page = OpenEditForm();

        page.Input("Contact Phone").Change("555-01");
        page.Find("[data-testid='business-details-form']").Submit();

        page.WaitForAssertion(() => page.Field("Contact Phone").TextContent
            .Should().Contain("Contact Phone is not a valid US phone number"));
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Should().BeEmpty();
    }

    [Fact]
    public void EditForm_RequiredFieldEmptied_ShowsRequiredUnderTheField()
    {
        var page = OpenEditForm();

        page.Input("Contact Email").Change("");
        page.Find("[data-testid='business-details-form']").Submit();

        page.WaitForAssertion(() => page.Field("Contact Email").TextContent.Should().Contain("Contact Email is required."));
    }

    [Fact]
    public void EditForm_ValidPhone_SavedWithSuccessMessageAndShownInE164()
    {
        var page = OpenEditForm();
        Clock.Advance(TimeSpan.FromDays(2));

        page.Input("Contact Phone").Change("(614) 555-0123");
        page.Find("[data-testid='business-details-form']").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid='business-details-contact-phone']").TextContent.Trim().Should().Be("+16145550123"));
        page.Find("[data-testid='business-details-last-updated-at']").TextContent.Trim().Should().Be("less than a minute ago");
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message)
            .Should().ContainSingle().Which.Should().Be("Successfully edited Business Details for northwind-ehr");
    }

    private IRenderedComponent<BusinessDetailsPage> OpenEditForm()
    {
        ActAs(TestActor.PartnerAdmin(_northwindId));
        var page = Render<BusinessDetailsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid='edit-business-details']"));
        page.Find("[data-testid='edit-business-details']").Click();
        page.WaitForAssertion(() => page.Find("[data-testid='business-details-form']"));
        return page;
    }
}

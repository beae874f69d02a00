using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Features.Partners;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Partners;

// Re-implements IAsyncLifetime.InitializeAsync for the Identity roles; disposal stays the base context's.
public sealed class PartnersPageTests : PortalTestContext, IAsyncLifetime
{
    // Saves hash passwords and write audit entries: on a loaded build machine they can take longer than bUnit's default wait.
    private static readonly TimeSpan Saved = TimeSpan.FromSeconds(10);

    private readonly int _northwindId;

    public PartnersPageTests()
    {
        Services.AddTestIdentity(Database);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        using var db = Database.CreateDbContext();
        var northwind = TestData.AddPartner(db, "northwind-ehr");
        _northwindId = northwind.Id;
        TestData.AddAccount(db, northwind, "riverside");
        TestData.AddAccount(db, northwind, "lakeside", a => a.Address1 = null);
        TestData.AddPartner(db, "contoso-health", smsApiEnabled: false);
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await TestIdentity.EnsureRolesAsync(Services);
        await TestIdentity.AddUserAsync(Services, "admin@northwind.test", PortalRoles.PartnerAdmin, _northwindId);
        ActAs(TestActor.Operator());
    }

    private IRenderedComponent<PartnersPage> RenderPage()
    {
        var page = Render<PartnersPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid^='partner-']").Should().NotBeEmpty(), Saved);
        return page;
    }

    [Fact]
    public void PartnersPage_Operator_ListsEachPartnerWithCountsSmsApiAndFirstAdminOnlyWhereMissing()
    {
        var page = RenderPage();

        var northwind = page.Find("[data-testid='partner-northwind-ehr']");
        northwind.QuerySelector("[data-testid='partner-counts']")!.TextContent.Should().Contain("1 complete").And.Contain("1 incomplete");
        northwind.QuerySelector("[data-testid='create-first-admin']").Should().BeNull("northwind-ehr has an admin");
        var contoso = page.Find("[data-testid='partner-contoso-health']");
        contoso.QuerySelector("[data-testid='sms-api']")!.TextContent.Should().Contain("Off");
        contoso.QuerySelector("[data-testid='create-first-admin']").Should().NotBeNull();
    }

    [Fact]
    public void PartnersPage_SmsApiSwitch_SwitchesItOn()
    {
        var page = RenderPage();

        page.Find("[data-testid='partner-contoso-health'] input[data-testid='sms-api-switch']").Change(true);

        page.WaitForAssertion(() => page.Find("[data-testid='partner-contoso-health'] [data-testid='sms-api']").TextContent.Should().Contain("On"), Saved);
        using var db = Database.CreateDbContext();
        db.Partners.Single(p => p.Slug == "contoso-health").SmsApiEnabled.Should().BeTrue();
    }

    [Fact]
    public void PartnersPage_NewPartnerWithInvalidContactEmail_ShowsTheFieldErrorThenCreates()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();

        page.Find("[data-testid='new-partner']").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='partner-field-slug']"), Saved);
        foreach (var (field, value) in new[]
                 {
                     ("slug", "oak-health"), ("display-name", "Oak Health"), ("name", "Oak Health"), ("website", "https://www.oak-health.example"),
                     ("contact-first-name", "Olive"), ("contact-last-name", "Oakley"), ("contact-email", "olive"), ("contact-phone", "(614) 555-0142"),
                 })
        {
            dialogs.Find($"[data-testid='partner-field-{field}']").Change(value);
        }

        dialogs.Find("[data-testid='partner-save']").Click();
        dialogs.WaitForAssertion(() => dialogs.Field("Contact Email").TextContent.Should().Contain("Contact Email must be an email address such as name@example.com."), Saved);

        dialogs.Find("[data-testid='partner-field-contact-email']").Change("olive@oak-health.example");
        dialogs.Find("[data-testid='partner-save']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='partner-oak-health']").TextContent.Should().Contain("Oak Health").And.Contain("0 complete"), Saved);
        using var db = Database.CreateDbContext();
        db.Partners.Single(p => p.Slug == "oak-health").BusinessDetails.ContactPhone.Should().Be("+16145550142");
    }

    [Fact]
    public void PartnersPage_CreateFirstAdmin_ShowsTheOneTimePasswordOnce()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();

        page.Find("[data-testid='partner-contoso-health'] [data-testid='create-first-admin']").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='first-admin-email']"), Saved);
        dialogs.Find("[data-testid='first-admin-email']").Change("casey@contoso.test");
        dialogs.Find("[data-testid='first-admin-submit']").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='first-admin-password']").GetAttribute("value")!.Length.Should().BeGreaterThanOrEqualTo(12), Saved);
        dialogs.Find("[data-testid='first-admin-done']").Click();
        page.WaitForAssertion(() => page.Find("[data-testid='partner-contoso-health']").QuerySelector("[data-testid='create-first-admin']").Should().BeNull(), Saved);
        dialogs.FindAll("[data-testid='first-admin-password']").Should().BeEmpty();
    }
}

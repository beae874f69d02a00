using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Features.Accounts;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Accounts;

/// <summary>"New account" on the Accounts page, deactivation on the account page, and locations on its SMS Numbers.</summary>
public sealed class AccountOnboardingFormsTests : PortalTestContext
{
    // Saves hash passwords and write audit entries: on a loaded build machine they can take longer than bUnit's default wait.
    private static readonly TimeSpan Saved = TimeSpan.FromSeconds(10);

    private readonly int _northwindId;
    private readonly int _riversideId;

    public AccountOnboardingFormsTests()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        using var db = Database.CreateDbContext();
        var northwind = TestData.AddPartner(db, "northwind-ehr");
        _northwindId = northwind.Id;
        _riversideId = TestData.AddAccount(db, northwind, "riverside", a => a.BusinessName = "Riverside Family Medicine").Id;
    }

    private void ActAsAdmin()
    {
        ActAs(TestActor.PartnerAdmin(_northwindId));
        Authorization.SetPolicies(PortalPolicies.AdministerPartner);
    }

    [Fact]
    public void AccountsPage_SupportAgent_NoNewAccountButton()
    {
        ActAs(TestActor.SupportAgent(_northwindId));

        var page = Render<AccountsPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid='account-link']").Should().NotBeEmpty(), Saved);
        page.FindAll("[data-testid='new-account']").Should().BeEmpty();
    }

    [Fact]
    public void NewAccount_InvalidPracticePhoneThenValid_OpensTheNewAccount()
    {
        ActAsAdmin();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<AccountsPage>();

        page.Find("[data-testid='new-account']").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='account-field-account-id']"), Saved);
        dialogs.Find("[data-testid='account-field-account-id']").Change("oak-clinic");
        dialogs.Find("[data-testid='account-field-business-name']").Change("Oak Clinic");
        dialogs.Find("[data-testid='account-field-address1']").Change("10 Oak St");
        dialogs.Find("[data-testid='account-field-city']").Change("Columbus");
        dialogs.Find("[data-testid='account-field-state']").Change("OH");
        dialogs.Find("[data-testid='account-field-postal-code']").Change("43215");
        dialogs.Find("[data-testid='account-field-website-url']").Change("https://www.oak-clinic.example");
        dialogs.Find("[data-testid='account-field-practice-phone']").Change("555");
        dialogs.Find("[data-testid='new-account-submit']").Click();
        dialogs.WaitForAssertion(() => dialogs.Field("Practice Phone").TextContent.Should().Contain("Practice Phone is not a valid US phone number"), Saved);

        dialogs.Find("[data-testid='account-field-practice-phone']").Change("(614) 555-0177");
        dialogs.Find("[data-testid='new-account-submit']").Click();

        using var db = Database.CreateDbContext();
        page.WaitForAssertion(() => db.Accounts.Any(a => a.ExternalId == "oak-clinic").Should().BeTrue(), Saved);
        var id = db.Accounts.Single(a => a.ExternalId == "oak-clinic").Id;
        Services.GetRequiredService<NavigationManager>().Uri.Should().EndWith($"/accounts/{id}");
    }

    [Fact]
    public void AccountPage_Deactivate_ShowsTheDeactivatedNotice()
    {
        ActAsAdmin();
        var page = Render<AccountPage>(p => p.Add(a => a.Id, _riversideId));
        page.WaitForAssertion(() => page.Find("[data-testid='toggle-account-active']"), Saved);

        page.Find("[data-testid='toggle-account-active']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='account-deactivated']").TextContent.Should().Contain("cannot send texts"), Saved);
        page.Find("[data-testid='toggle-account-active']").TextContent.Should().Contain("Reactivate account");
    }

    [Fact]
    public void SmsNumbers_AddQueue_ListedAsAQueue()
    {
        ActAsAdmin();
        var dialogs = Render<MudDialogProvider>();
        var section = Render<SmsNumbersSection>(p => p.Add(s => s.AccountId, _riversideId));
        section.WaitForAssertion(() => section.Find("[data-testid='add-location']"), Saved);

        section.Find("[data-testid='add-location']").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='location-name']"), Saved);
        dialogs.Find("[data-testid='location-name']").Change("Front Desk");
        dialogs.Find("[data-testid='location-kind-queue']").Click();
        dialogs.Find("[data-testid='location-save']").Click();

        section.WaitForAssertion(() => section.Find("[data-testid='sms-number-front-desk']").TextContent.Should().Contain("Front Desk").And.Contain("No Number"), Saved);
        using var db = Database.CreateDbContext();
        db.Locations.Single(l => l.ExternalId == "front-desk").Kind.Should().Be(LocationKind.Queue);
    }

    [Fact]
    public void SmsNumbers_DeactivatedLocation_MarkedAndWithoutAddNumber()
    {
        using (var db = Database.CreateDbContext())
        {
            var location = new Location { AccountId = _riversideId, ExternalId = "powell", Name = "Powell", SortOrder = 1, DeactivatedAt = TestData.Now };
            db.Locations.Add(location);
            db.SaveChanges();
        }

        ActAsAdmin();
        var section = Render<SmsNumbersSection>(p => p.Add(s => s.AccountId, _riversideId));

        section.WaitForAssertion(() => section.Find("[data-testid='sms-number-powell']").TextContent.Should().Contain("Deactivated"), Saved);
        section.Find("[data-testid='sms-number-powell']").QuerySelector("[data-testid='add-number']").Should().BeNull();
    }

    [Fact]
    public void SmsNumbers_LocationMenu_BuiltOnFirstOpenAndDeactivates()
    {
        using (var db = Database.CreateDbContext())
        {
            db.Locations.Add(new Location { AccountId = _riversideId, ExternalId = "powell", Name = "Powell", SortOrder = 1 });
            db.SaveChanges();
        }

        ActAsAdmin();
        Render<MudDialogProvider>();
        var popovers = Render<MudPopoverProvider>();
        var section = Render<SmsNumbersSection>(p => p.Add(s => s.AccountId, _riversideId));
        section.WaitForAssertion(() => section.Find("[data-testid='sms-number-powell']"), Saved);
        // Issue 18: no menu (popover, list, overlay) per row until one is opened.
        section.FindComponents<MudMenu>().Should().BeEmpty();
        // Nor an icon button component: the row's button is markup, named for its location.
        section.FindComponents<LocationActions>().SelectMany(actions => actions.FindComponents<MudIconButton>()).Should().BeEmpty();
        section.Find("[data-testid='sms-number-powell'] button[data-testid='location-actions']").GetAttribute("aria-label").Should().Be("Actions for Powell");

        section.Find("[data-testid='sms-number-powell'] [data-testid='location-actions'] button, [data-testid='sms-number-powell'] button[data-testid='location-actions']").Click();

        section.WaitForAssertion(() => popovers.Find("[data-testid='deactivate-location']"), Saved);
        section.FindComponents<MudMenu>().Should().HaveCount(1);
        popovers.Find("[data-testid='deactivate-location']").Click();
        section.WaitForAssertion(() => section.Find("[data-testid='sms-number-powell']").TextContent.Should().Contain("Deactivated"), Saved);
        using var check = Database.CreateDbContext();
        check.Locations.Single(l => l.ExternalId == "powell").DeactivatedAt.Should().NotBeNull();
    }
}

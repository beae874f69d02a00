using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Features.Accounts;
using PartnerPortal.Features.Home;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Accounts;

public sealed class AccountsPageTests : PortalTestContext
{
    private readonly int _northwindId;

    public AccountsPageTests()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        using var db = Database.CreateDbContext();
        var northwind = TestData.AddPartner(db, "northwind-ehr");
        _northwindId = northwind.Id;
        TestData.AddAccount(db, northwind, "riverside", a => a.BusinessName = "Riverside Family Medicine");
        TestData.AddAccount(db, northwind, "lakeside", a => { a.BusinessName = "Lakeside Pediatrics"; a.Address1 = null; a.City = "Cleveland"; });
        TestData.AddAccount(db, northwind, "hilltop", a => { a.BusinessName = "Hilltop Dermatology"; a.WebsiteUrl = null; });
        TestData.AddAccount(db, TestData.AddPartner(db, "contoso-health"), "contoso-main", a => a.BusinessName = "Contoso Main Street Clinic");
    }

    [Fact]
    public void AccountsPage_AllAccounts_ShowsTheSmsBusinessDetailsStatusOfEach()
    {
        var page = RenderAccounts();

        page.WaitForAssertion(() => Names(page).Should().Equal("Hilltop Dermatology", "Lakeside Pediatrics", "Riverside Family Medicine"));
        Status(page, "Lakeside Pediatrics").Should().Be("Incomplete");
        Status(page, "Riverside Family Medicine").Should().Be("Complete");
        Row(page, "Hilltop Dermatology").QuerySelector("[data-testid='partner-website-warning']").Should().NotBeNull();
        Row(page, "Riverside Family Medicine").QuerySelector("[data-testid='partner-website-warning']").Should().BeNull();
        page.WaitForAssertion(() => page.Find("[data-testid='account-counts']").TextContent.Should().Contain("3 accounts").And.Contain("1 incomplete"));
    }

    [Fact]
    public void AccountsPage_IncompleteInTheQueryString_ListsOnlyIncompleteAccounts()
    {
        var page = RenderAccounts("accounts?sms=Incomplete");

        page.WaitForAssertion(() => Names(page).Should().Equal("Lakeside Pediatrics"));
    }

    [Fact]
    public void AccountsPage_FilterSetToIncomplete_ListsOnlyIncompleteAccounts()
    {
        var module = JSInterop.SetupModule("./Features/Accounts/AccountsPage.razor.js");
        module.SetupVoid("replaceAddress", _ => true);
        var page = RenderAccounts();
        page.WaitForAssertion(() => Names(page).Should().HaveCount(3));

        page.FindAll("[data-testid='sms-filter'] .mud-toggle-item").Single(e => e.TextContent.Trim() == "Incomplete").Click();

        page.WaitForAssertion(() => Names(page).Should().Equal("Lakeside Pediatrics"));
        // The address follows the filter in the browser's history (no router navigation, so no second render of the page).
        page.WaitForAssertion(() => module.VerifyInvoke("replaceAddress").Arguments[0].Should().Be("accounts?sms=Incomplete"));
    }

    [Fact]
    public void AccountsPage_FilterChange_RendersTheTableNotTheWholePage()
    {
        JSInterop.SetupModule("./Features/Accounts/AccountsPage.razor.js").SetupVoid("replaceAddress", _ => true);
        var page = RenderAccounts();
        page.WaitForAssertion(() => Names(page).Should().HaveCount(3));
        // The counts bar renders again only when the page does (its parameter is an object, so every page render reaches it).
        var counts = page.FindComponent<AccountCountsBar>();
        var renders = counts.RenderCount;

        page.FindAll("[data-testid='sms-filter'] .mud-toggle-item").Single(e => e.TextContent.Trim() == "Incomplete").Click();

        page.WaitForAssertion(() => Names(page).Should().Equal("Lakeside Pediatrics"));
        // Issue 18: the page (search field, filter, buttons, counts) is not rendered again for a click; the table renders its rows.
        counts.RenderCount.Should().Be(renders);
        page.FindAll("[data-testid='sms-filter'] .mud-toggle-item-selected").Select(e => e.TextContent.Trim()).Should().Equal("Incomplete");
    }

    [Fact]
    public void AccountsPage_FilterSetToComplete_ListsOnlyCompleteAccounts()
    {
        var page = RenderAccounts("accounts?sms=Incomplete");
        page.WaitForAssertion(() => Names(page).Should().HaveCount(1));

        page.FindAll("[data-testid='sms-filter'] .mud-toggle-item").Single(e => e.TextContent.Trim() == "Complete").Click();

        page.WaitForAssertion(() => Names(page).Should().Equal("Hilltop Dermatology", "Riverside Family Medicine"));
    }

    [Fact]
    public void AccountsPage_SearchByCity_FindsTheAccount()
    {
        var page = RenderAccounts();
        page.WaitForAssertion(() => Names(page).Should().HaveCount(3));

        var search = page.Find("[data-testid='accounts-search']");
        (search.TagName == "INPUT" ? search : search.QuerySelector("input")!).Input("cleveland");

        page.WaitForAssertion(() => Names(page).Should().Equal("Lakeside Pediatrics"), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void AccountsPage_NameLinksToTheAccountPage()
    {
        var page = RenderAccounts();

        page.WaitForAssertion(() => Names(page).Should().HaveCount(3));
        Row(page, "Lakeside Pediatrics").QuerySelector("a")!.GetAttribute("href").Should().MatchRegex(@"^accounts/\d+$");
    }

    [Fact]
    public void HomePage_PartnerAdmin_IncompleteCardLinksToTheFilteredAccounts()
    {
        ActAs(TestActor.PartnerAdmin(_northwindId));

        var page = Render<HomePage>();

        page.WaitForAssertion(() => page.Find("[data-testid='count-incomplete'] a").GetAttribute("href").Should().Be("/accounts?sms=Incomplete"));
    }

    private IRenderedComponent<AccountsPage> RenderAccounts(string? uri = null)
    {
        ActAs(TestActor.SupportAgent(_northwindId));
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri ?? "accounts");

        return Render<AccountsPage>();
    }

    private static List<string> Names(IRenderedComponent<AccountsPage> page) =>
        page.FindAll("[data-testid='account-link']").Select(a => a.TextContent.Trim()).ToList();

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<AccountsPage> page, string name) =>
        page.FindAll("[data-testid='accounts-table'] tbody tr").Single(tr => tr.QuerySelector("[data-testid='account-link']")?.TextContent.Trim() == name);

    private static string Status(IRenderedComponent<AccountsPage> page, string name) =>
        Row(page, name).QuerySelector("[data-testid='sms-status']")!.TextContent.Trim();
}

using Bunit;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Features.Home;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Home;

public sealed class HomePageTests : PortalTestContext
{
    private readonly int _northwindId;
    private readonly int _riversideId;

    public HomePageTests()
    {
        using var db = Database.CreateDbContext();
        var northwind = TestData.AddPartner(db, "northwind");
        _northwindId = northwind.Id;
        _riversideId = TestData.AddAccount(db, northwind, "riverside", null,
            ("default", "Default", SmsNumberStatus.Approved, "+16145550199"), ("columbus", "Columbus", SmsNumberStatus.Pending, null)).Id;
        TestData.AddAccount(db, northwind, "lakeside", a => a.Address1 = null);
    }

    [Fact]
    public void HomePage_PartnerAdmin_ShowsPartnerCounts()
    {
        ActAs(TestActor.PartnerAdmin(_northwindId));

        var page = Render<HomePage>();

        page.WaitForAssertion(() => page.Find("[data-testid='count-incomplete-value']").TextContent.Should().Be("1"));
        page.Find("[data-testid='count-pending-numbers-value']").TextContent.Should().Be("1");
        page.Find("[data-testid='home-scope']").TextContent.Should().Be("northwind");
        page.Markup.Should().Contain("of 2");
    }

    [Fact]
    public void HomePage_PracticeStaff_ShowsOnlyItsAccount()
    {
        ActAs(TestActor.PracticeStaff(_northwindId, _riversideId));

        var page = Render<HomePage>();

        page.WaitForAssertion(() => page.Find("[data-testid='home-scope']").TextContent.Should().Be("riverside Clinic"));
        page.Find("[data-testid='count-incomplete-value']").TextContent.Should().Be("0");
        page.Markup.Should().Contain("of 1");
    }

    private static IReadOnlyList<string> CountLinks(IRenderedComponent<HomePage> page) =>
        page.FindAll("[data-testid^='count-'] a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public void HomePage_Operator_EveryCountLinksToAPageItCanOpen()
    {
        ActAs(TestActor.Operator());

        var page = Render<HomePage>();

        page.WaitForAssertion(() => page.Find("[data-testid='count-incomplete-value']"));
        CountLinks(page).Should().BeEquivalentTo("/accounts?sms=Incomplete", "/account-verification?status=Pending", "/account-verification?status=Rejected");
    }

    [Fact]
    public void HomePage_PracticeStaff_LinksToItsAccountNeverToAccountsOrVerification()
    {
        ActAs(TestActor.PracticeStaff(_northwindId, _riversideId));
        Authorization.SetClaims(
            new System.Security.Claims.Claim(PartnerPortal.Domain.Tenancy.PortalClaims.PartnerId, _northwindId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new System.Security.Claims.Claim(PartnerPortal.Domain.Tenancy.PortalClaims.AccountId, _riversideId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var page = Render<HomePage>();

        page.WaitForAssertion(() => page.Find("[data-testid='count-incomplete-value']"));
        // Its own account, its Inbox and its Opt-out review: pages PracticeStaff may open (DESIGN §1, §7).
        CountLinks(page).Should().NotBeEmpty().And.Contain($"/accounts/{_riversideId}")
            .And.OnlyContain(href => href == $"/accounts/{_riversideId}" || href == "inbox" || href == "/opt-out-review");
        page.FindAll("a").Select(a => a.GetAttribute("href") ?? "").Should()
            .NotContain(href => href == "/accounts" || href == "accounts" || href.StartsWith("/accounts?") || href.Contains("account-verification") || href.Contains("audit-log"));
    }
}

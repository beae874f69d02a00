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
}

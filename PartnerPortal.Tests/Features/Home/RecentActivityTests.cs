using Bunit;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Features.Home;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Home;

public sealed class RecentActivityTests : PortalTestContext
{
    private readonly int _northwindId;
    private readonly int _contosoId;

    public RecentActivityTests()
    {
        using var db = Database.CreateDbContext();
        _northwindId = TestData.AddPartner(db, "northwind").Id;
        _contosoId = TestData.AddPartner(db, "contoso").Id;
    }

    private void Write(int partnerId, string summary)
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        var auditLog = new PartnerPortal.Domain.Audit.AuditLog(Clock);
        using var db = Database.CreateDbContext();
        auditLog.Add(db, TestActor.PartnerAdmin(partnerId), new AuditRecord("account.updated", "Account", "x", summary, partnerId));
        auditLog.SaveChangesAsync(db, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static IReadOnlyList<string> Rows(IRenderedComponent<HomePage> page) =>
        page.FindAll("[data-testid='recent-activity-entry']").Select(r => r.TextContent).ToList();

    [Fact]
    public void HomePage_PartnerAdmin_ShowsTheLastTenEntriesOfItsPartner()
    {
        for (var i = 1; i <= 12; i++)
        {
            Write(_northwindId, $"Northwind change {i}");
        }

        Write(_contosoId, "Contoso change");
        Clock.Advance(TimeSpan.FromMinutes(2));
        ActAs(TestActor.PartnerAdmin(_northwindId));

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Rows(page).Should().HaveCount(RecentActivity.Count));
        Rows(page)[0].Should().Contain("Northwind change 12").And.Contain("3 minutes ago");
        Rows(page).Should().NotContain(r => r.Contains("Contoso"));
    }

    [Fact]
    public void HomePage_Operator_ShowsAllPartnersActivity()
    {
        Write(_northwindId, "Northwind change");
        Write(_contosoId, "Contoso change");
        ActAs(TestActor.Operator());

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Rows(page).Should().HaveCount(2));
        Rows(page)[0].Should().Contain("Contoso change");
    }

    [Fact]
    public void HomePage_PracticeStaff_HasNoRecentActivity()
    {
        Write(_northwindId, "Northwind change");
        ActAs(TestActor.PracticeStaff(_northwindId, 1));

        var page = Render<HomePage>();

        page.WaitForAssertion(() => page.Find("[data-testid='home-scope']"));
        page.FindAll("[data-testid='recent-activity']").Should().BeEmpty();
    }
}

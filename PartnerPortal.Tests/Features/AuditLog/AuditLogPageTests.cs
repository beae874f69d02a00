using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Features.AuditLog;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.AuditLog;

public sealed class AuditLogPageTests : PortalTestContext
{
    private readonly int _northwindId;
    private readonly int _contosoId;
    private readonly int _riversideId;

    public AuditLogPageTests()
    {
        using var db = Database.CreateDbContext();
        var northwind = TestData.AddPartner(db, "northwind");
        _northwindId = northwind.Id;
        _contosoId = TestData.AddPartner(db, "contoso").Id;
        _riversideId = TestData.AddAccount(db, northwind, "riverside").Id;
    }

    private long Write(Actor actor, string action, string summary, int partnerId, IReadOnlyList<FieldChange>? changes = null, int? accountId = null)
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        var auditLog = new PartnerPortal.Domain.Audit.AuditLog(Clock);
        using var db = Database.CreateDbContext();
        var entry = auditLog.Add(db, actor, new AuditRecord(action, action.Split('.')[0] switch { "user" => "User", _ => "Account" }, "x", summary, partnerId, accountId, changes));
        auditLog.SaveChangesAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return entry.Id;
    }

    private IRenderedComponent<AuditLogPage> RenderPage()
    {
        var page = Render<AuditLogPage>();
        page.WaitForAssertion(() => page.Find("[data-testid='audit-range']"));
        return page;
    }

    // The Apply button submits the filter form (Enter in a field does too).
    private static void ApplyFilters(IRenderedComponent<AuditLogPage> page) => page.Find("[data-testid='filter-apply']").Closest("form")!.Submit();

    private static IReadOnlyList<string> Summaries(IRenderedComponent<AuditLogPage> page) =>
        page.FindAll("[data-testid='entry-summary']").Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public void AuditLogPage_PartnerAdmin_ListsItsPartnersEntriesNewestFirst()
    {
        Write(TestActor.PartnerAdmin(_northwindId), "account.updated", "Riverside city changed", _northwindId);
        Write(TestActor.PartnerAdmin(_contosoId), "account.updated", "Contoso change", _contosoId);
        Write(TestActor.SupportAgent(_northwindId), "user.role_changed", "Role of sam changed", _northwindId);
        ActAs(TestActor.PartnerAdmin(_northwindId));

        var page = RenderPage();

        Summaries(page).Should().Equal("Role of sam changed", "Riverside city changed");
        page.Find("[data-testid='audit-range']").TextContent.Should().Be("1–2 of 2");
    }

    [Fact]
    public void AuditLogPage_NoEntries_SaysSo()
    {
        ActAs(TestActor.SupportAgent(_northwindId));

        var page = RenderPage();

        page.Find("[data-testid='audit-empty']").TextContent.Should().Be("No audit entries match these filters.");
    }

    [Fact]
    public void AuditLogPage_ExpandEntry_ShowsFieldChangesBeforeAndAfter()
    {
        var id = Write(TestActor.PartnerAdmin(_northwindId), "account.updated", "Riverside city changed", _northwindId,
            [new FieldChange("City", "Columbus", "Dayton"), new FieldChange("Address 2", null, "Suite 4")]);
        ActAs(TestActor.PartnerAdmin(_northwindId));
        var page = RenderPage();
        page.FindAll($"[data-testid='details-{id}']").Should().BeEmpty();

        page.Find($"[data-testid='expand-{id}']").Click();

        var rows = page.FindAll($"[data-testid='changes-{id}'] [data-testid='change-row']");
        rows.Select(r => r.TextContent.Trim().Replace("\n", " ")).Should().HaveCount(2);
        rows[0].QuerySelector("[data-testid='change-before']")!.TextContent.Should().Be("Columbus");
        rows[0].QuerySelector("[data-testid='change-after']")!.TextContent.Should().Be("Dayton");
        rows[1].QuerySelector("[data-testid='change-before']")!.TextContent.Should().Be("(empty)");
    }

    [Fact]
    public void AuditLogPage_ActorFilter_ShowsOnlyThatActorsEntries()
    {
        Write(TestActor.PartnerAdmin(_northwindId), "account.updated", "By the admin", _northwindId);
        Write(TestActor.SupportAgent(_northwindId), "account.updated", "By support", _northwindId);
        ActAs(TestActor.PartnerAdmin(_northwindId));
        var page = RenderPage();

        page.Find("[data-testid='filter-actor']").Change("support");
        ApplyFilters(page);

        page.WaitForAssertion(() => Summaries(page).Should().Equal("By support"));
        page.Find("[data-testid='audit-range']").TextContent.Should().Be("1–1 of 1");
    }

    [Fact]
    public void AuditLogPage_DateFilter_ShowsOnlyEntriesOfThoseDays()
    {
        Write(TestActor.PartnerAdmin(_northwindId), "account.updated", "Today", _northwindId);
        Clock.Advance(TimeSpan.FromDays(2));
        Write(TestActor.PartnerAdmin(_northwindId), "account.updated", "Two days later", _northwindId);
        ActAs(TestActor.PartnerAdmin(_northwindId));
        var page = RenderPage();

        page.Find("[data-testid='filter-from']").Change(TestData.Now.ToString("yyyy-MM-dd"));
        page.Find("[data-testid='filter-to']").Change(TestData.Now.ToString("yyyy-MM-dd"));
        ApplyFilters(page);

        page.WaitForAssertion(() => Summaries(page).Should().Equal("Today"));
    }

    [Fact]
    public void AuditLogPage_ActionFilter_OffersTheRecordedActions()
    {
        Write(TestActor.PartnerAdmin(_northwindId), "account.updated", "Account change", _northwindId);
        Write(TestActor.PartnerAdmin(_northwindId), "user.disabled", "User disabled", _northwindId);
        ActAs(TestActor.PartnerAdmin(_northwindId));
        var popovers = Render<MudPopoverProvider>();
        var page = RenderPage();

        page.Find("[data-testid='filter-action']").Closest(".mud-input-control")!.MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Should().Contain(i => i.TextContent.Contains("user.disabled")));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("user.disabled")).Click();
        ApplyFilters(page);

        page.WaitForAssertion(() => Summaries(page).Should().Equal("User disabled"));
        page.Find("[data-testid='export-csv']").GetAttribute("href").Should().Contain("action=user.disabled");
    }

    [Fact]
    public void AuditLogPage_OlderAndNewer_PageThroughByKeyset()
    {
        for (var i = 1; i <= 30; i++)
        {
            Write(TestActor.PartnerAdmin(_northwindId), "account.updated", $"Change {i}", _northwindId);
        }

        ActAs(TestActor.PartnerAdmin(_northwindId));
        var page = RenderPage();
        page.Find("[data-testid='audit-range']").TextContent.Should().Be("1–25 of 30");
        page.Find("[data-testid='page-newer']").HasAttribute("disabled").Should().BeTrue();

        page.Find("[data-testid='page-older']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='audit-range']").TextContent.Should().Be("26–30 of 30"));
        Summaries(page).Should().Equal("Change 5", "Change 4", "Change 3", "Change 2", "Change 1");
        page.Find("[data-testid='page-older']").HasAttribute("disabled").Should().BeTrue();

        page.Find("[data-testid='page-newer']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='audit-range']").TextContent.Should().Be("1–25 of 30"));
        Summaries(page)[0].Should().Be("Change 30");
    }

    [Fact]
    public void AuditLogPage_VerifyIntegrity_ReportsTheTamperedEntry()
    {
        Write(TestActor.PartnerAdmin(_northwindId), "account.updated", "First", _northwindId);
        var tampered = Write(TestActor.PartnerAdmin(_northwindId), "account.updated", "Second", _northwindId);
        using (var db = Database.CreateDbContext())
        {
            db.Database.ExecuteSqlInterpolated($"""UPDATE "AuditEntries" SET "ActorName" = 'Someone else' WHERE "Id" = {tampered}""");
        }

        ActAs(TestActor.PartnerAdmin(_northwindId));
        var page = RenderPage();

        page.Find("[data-testid='verify-integrity']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='integrity-result']").TextContent
            .Should().Contain($"The audit trail is broken at entry {tampered}.").And.Contain("changed after it was written"));
        page.Find("[data-testid='broken-entry']").TextContent.Should().Contain("Someone else");
    }

    [Fact]
    public void AuditLogPage_VerifyIntegrity_UntouchedTrailIsIntact()
    {
        Write(TestActor.PartnerAdmin(_northwindId), "account.updated", "First", _northwindId);
        ActAs(TestActor.PartnerAdmin(_northwindId));
        var page = RenderPage();

        page.Find("[data-testid='verify-integrity']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='integrity-result']").TextContent
            .Should().Contain("The audit trail is intact"));
    }

    [Fact]
    public void AuditLogPage_OperatorPartnerFilter_ShowsOnlyThatPartnersEntries()
    {
        Write(TestActor.PartnerAdmin(_northwindId), "account.updated", "Northwind change", _northwindId);
        Write(TestActor.PartnerAdmin(_contosoId), "account.updated", "Contoso change", _contosoId);
        ActAs(TestActor.Operator());
        var popovers = Render<MudPopoverProvider>();
        var page = RenderPage();
        Summaries(page).Should().Equal("Contoso change", "Northwind change");

        page.WaitForAssertion(() => page.Find("[data-testid='filter-partner']"));
        page.Find("[data-testid='filter-partner']").Closest(".mud-input-control")!.MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Should().Contain(i => i.TextContent.Contains("northwind")));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("northwind")).Click();
        ApplyFilters(page);

        page.WaitForAssertion(() => Summaries(page).Should().Equal("Northwind change"));
    }

    [Fact]
    public void AuditLogPage_PartnerAdmin_HasNoPartnerFilter()
    {
        ActAs(TestActor.PartnerAdmin(_northwindId));

        var page = RenderPage();

        page.FindAll("[data-testid='filter-partner']").Should().BeEmpty();
    }

    [Fact]
    public void AuditLogPage_SupportAgent_CannotVerifyIntegrity()
    {
        ActAs(TestActor.SupportAgent(_northwindId));

        var page = RenderPage();

        page.FindAll("[data-testid='verify-integrity']").Should().BeEmpty();
        page.Find("[data-testid='export-csv']").GetAttribute("href").Should().Be("audit-log/export.csv");
    }
}

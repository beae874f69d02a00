using System.Text;
using AngleSharp.Dom;
using Bunit;
using Microsoft.JSInterop;
using MudBlazor;
using PartnerPortal.Components.Shared;
using PartnerPortal.Features.Reports;
using PartnerPortal.Tests.Domain.Reports;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Reports;

public sealed class ReportsPageTests : PortalTestContext
{
    private readonly ReportTestData _data;

    public ReportsPageTests()
    {
        using var db = Database.CreateDbContext();
        _data = ReportTestData.Seed(db);
        ActAs(TestActor.PartnerAdmin(_data.NorthwindId));
    }

    private IRenderedComponent<ReportsPage> RenderLoaded()
    {
        var page = Render<ReportsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=report-table]"));
        return page;
    }

    private static IReadOnlyList<string> Rows(IRenderedComponent<ReportsPage> page) =>
        page.FindAll("[data-testid=report-table] tbody tr").Select(Describe).ToList();

    private static string Describe(IElement row) =>
        row.QuerySelector("td")!.QuerySelector("p")!.TextContent.Trim() + " " + string.Join(" | ",
            new[] { "month", "sent", "segments", "delivered", "failed", "rate" }
                .Select(cell => row.QuerySelector($"[data-testid=cell-{cell}]")!.TextContent.Trim()));

    [Fact]
    public void Render_PartnerAdmin_LastTwelveMonthsPerAccountAndMonth()
    {
        var page = RenderLoaded();

        Rows(page).Should().Equal(
            "alpha Clinic Jun 2026 | 1 | 1 | 1 | 0 | 100.0%",
            "alpha Clinic Aug 2026 | 1 | 1 | 1 | 0 | 100.0%",
            "alpha Clinic Sep 2026 | 5 | 9 | 3 | 2 | 60.0%",
            "alpha Clinic Oct 2026 | 2 | 2 | 2 | 0 | 100.0%",
            "beta Clinic Oct 2026 | 2 | 5 | 1 | 1 | 50.0%");
        page.Find("[data-testid=total-sent]").TextContent.Should().Be("11");
        page.Find("[data-testid=total-segments]").TextContent.Should().Be("18");
        page.Find("[data-testid=total-rate]").TextContent.Should().Be("72.7%");
        page.Find("[data-testid=report-chart]").InnerHtml.Should().Contain("svg");
        page.Markup.Should().NotContain("gamma", "Contoso's account is not Northwind's");
    }

    [Fact]
    public void Preset_LastThreeMonths_OnlyThoseMonths()
    {
        var page = RenderLoaded();

        page.Find("[data-testid=report-preset-3]").Click();

        page.WaitForAssertion(() => Rows(page).Should().Equal(
            "alpha Clinic Sep 2026 | 5 | 9 | 3 | 2 | 60.0%",
            "alpha Clinic Oct 2026 | 2 | 2 | 2 | 0 | 100.0%",
            "beta Clinic Oct 2026 | 2 | 5 | 1 | 1 | 50.0%"));
        page.Find("[data-testid=total-sent]").TextContent.Should().Be("9");
    }

    [Fact]
    public void AccountFilter_ChosenAccount_OnlyItsRows()
    {
        var popovers = Render<MudPopoverProvider>();
        var page = RenderLoaded();

        page.Find("input[data-testid=report-account]").Input("beta");
        popovers.WaitForAssertion(() => popovers.FindAll("[data-testid=report-account-option]").Should().ContainSingle());
        popovers.Find("[data-testid=report-account-option]").Click();

        page.WaitForAssertion(() => Rows(page).Should().Equal("beta Clinic Oct 2026 | 2 | 5 | 1 | 1 | 50.0%"));
    }

    [Fact]
    public void Render_Operator_VendorColumnAndEveryPartner()
    {
        ActAs(TestActor.Operator());

        var page = RenderLoaded();

        page.Find("[data-testid=report-table] thead").TextContent.Should().Contain("Vendor");
        page.FindAll("[data-testid=report-table] tbody tr").Select(r => r.TextContent)
            .Should().Contain(text => text.Contains("contoso") && text.Contains("gamma Clinic"));
        page.Find("[data-testid=report-vendor]");
    }

    [Fact]
    public void Render_NoMessages_EmptyState()
    {
        using (var db = Database.CreateDbContext())
        {
            ActAs(TestActor.PartnerAdmin(TestData.AddPartner(db, "quiet").Id));
        }

        var page = Render<ReportsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=report-empty]").TextContent.Should().Be("No messages in this period."));
    }

    [Fact]
    public void ExportCsv_DownloadsTheFilteredRowsEscaped()
    {
        string? fileName = null;
        string? csv = null;
        var module = JSInterop.SetupModule(FileDownload.Module);
        module.SetupVoid("downloadFile", invocation =>
        {
            fileName = (string)invocation.Arguments[0]!;
            using var reader = new StreamReader(((DotNetStreamReference)invocation.Arguments[2]!).Stream, Encoding.UTF8);
            csv = reader.ReadToEnd();
            return true;
        }).SetVoidResult();
        var page = RenderLoaded();

        page.Find("[data-testid=report-export]").Click();

        page.WaitForAssertion(() => csv.Should().NotBeNull());
        fileName.Should().Be("messages-2025-12-01-to-2026-11-25.csv");
        csv!.Split("\r\n").Should().HaveCount(7).And.Contain("northwind,beta,beta Clinic,2026-10,2,5,1,1,50.0%");
    }
}

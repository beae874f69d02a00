using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Reports;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Reports;

public sealed class ReportServiceTests : IDisposable
{
    private static readonly ReportFilter SepToOct = new(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 31));

    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly ReportService _service;
    private readonly ReportTestData _data;

    public ReportServiceTests()
    {
        _service = new ReportService(_database, _actor);
        using var db = _database.CreateDbContext();
        _data = ReportTestData.Seed(db);
        _actor.Current = TestActor.PartnerAdmin(_data.NorthwindId);
    }

    public void Dispose() => _database.Dispose();

    private async Task<MessageReport> ReportAsync(ReportFilter filter)
    {
        var result = await _service.GetReportAsync(filter, CancellationToken.None);
        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
        return result.Value!;
    }

    private static string Describe(AccountMonthFigures row) =>
        $"{row.Account.ExternalId} {row.MonthKey}: sent {row.Figures.MessagesSent}, segments {row.Figures.Segments}, " +
        $"delivered {row.Figures.Delivered}, failed {row.Figures.Failed}, rate {row.Figures.DeliveryRateText}";

    [Fact]
    public async Task GetReportAsync_KnownDataSet_FiguresPerAccountAndMonth()
    {
        var report = await ReportAsync(SepToOct);

        report.Rows.Select(Describe).Should().Equal(
            "alpha 2026-09: sent 5, segments 9, delivered 3, failed 2, rate 60.0%",
            "alpha 2026-10: sent 2, segments 2, delivered 2, failed 0, rate 100.0%",
            "beta 2026-10: sent 2, segments 5, delivered 1, failed 1, rate 50.0%");
        report.Total.Should().Be(new ReportFigures(9, 16, 6, 3));
        report.Total.DeliveryRate.Should().BeApproximately(6.0 / 9, 1e-9);
    }

    [Fact]
    public async Task GetReportAsync_EveryMonthOfTheRange_TotalsForTheChart()
    {
        var report = await ReportAsync(new ReportFilter(new DateOnly(2026, 8, 15), new DateOnly(2026, 11, 25)));

        report.Months.Select(m => $"{m.MonthText}: {m.Figures.MessagesSent}/{m.Figures.Delivered}/{m.Figures.Failed}").Should().Equal(
            "Aug 2026: 1/1/0", "Sep 2026: 5/3/2", "Oct 2026: 4/3/1", "Nov 2026: 0/0/0");
    }

    [Fact]
    public async Task GetReportAsync_PartnerAdmin_SeesOnlyItsPartnersAccounts()
    {
        _actor.Current = TestActor.PartnerAdmin(_data.ContosoId);

        var report = await ReportAsync(SepToOct);

        report.Rows.Select(Describe).Should().Equal("gamma 2026-10: sent 1, segments 1, delivered 1, failed 0, rate 100.0%");
    }

    [Fact]
    public async Task GetReportAsync_AnotherPartnersAccount_NotFound()
    {
        var result = await _service.GetReportAsync(SepToOct with { AccountId = _data.Gamma.Id }, CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task GetReportAsync_AnotherPartnerAsFilter_NotFound()
    {
        var result = await _service.GetReportAsync(SepToOct with { PartnerId = _data.ContosoId }, CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task GetReportAsync_SupportAgent_SeesItsPartnersAccounts()
    {
        _actor.Current = TestActor.SupportAgent(_data.NorthwindId);

        var report = await ReportAsync(SepToOct);

        report.Rows.Select(r => r.Account.ExternalId).Distinct().Should().Equal("alpha", "beta");
    }

    [Fact]
    public async Task GetReportAsync_Operator_SeesAllPartnersAndFiltersByOne()
    {
        _actor.Current = TestActor.Operator();

        var all = await ReportAsync(SepToOct);
        var contoso = await ReportAsync(SepToOct with { PartnerId = _data.ContosoId });

        all.Rows.Select(r => r.Account.ExternalId).Distinct().Should().Equal("alpha", "beta", "gamma");
        contoso.Rows.Select(r => $"{r.Account.PartnerName}/{r.Account.ExternalId}").Should().Equal("contoso/gamma");
    }

    [Fact]
    public async Task GetReportAsync_AccountFilter_OnlyThatAccount()
    {
        var report = await ReportAsync(SepToOct with { AccountId = _data.Beta.Id });

        report.Rows.Select(Describe).Should().Equal("beta 2026-10: sent 2, segments 5, delivered 1, failed 1, rate 50.0%");
        report.Total.Should().Be(new ReportFigures(2, 5, 1, 1));
    }

    [Fact]
    public async Task GetReportAsync_DateRange_IncludesBothEndDaysOnly()
    {
        var report = await ReportAsync(new ReportFilter(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 30)));

        // Aug 31 23:59:59 is before the range; Beta's delivery on Oct 31 23:59:59 after it.
        report.Rows.Select(Describe).Should().Equal(
            "alpha 2026-09: sent 5, segments 9, delivered 3, failed 2, rate 60.0%",
            "alpha 2026-10: sent 2, segments 2, delivered 2, failed 0, rate 100.0%",
            "beta 2026-10: sent 1, segments 4, delivered 0, failed 1, rate 0.0%");
    }

    [Fact]
    public async Task GetReportAsync_StartAfterEnd_DateRangeError()
    {
        var result = await _service.GetReportAsync(new ReportFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 9, 1)), CancellationToken.None);

        result.FirstError!.Field.Should().Be(ReportService.DateRangeField);
    }

    [Fact]
    public async Task GetReportAsync_NoMessages_EmptyRowsAndZeroTotal()
    {
        var report = await ReportAsync(new ReportFilter(new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31)));

        report.Rows.Should().BeEmpty();
        report.Months.Should().HaveCount(3);
        report.Total.DeliveryRate.Should().BeNull();
    }

    [Fact]
    public void FiguresQuery_TranslatesToOneSqlStatementGroupedByAccount()
    {
        using var db = _database.CreateDbContext();

        var sql = ReportService.FiguresQuery(db, db.Accounts.VisibleTo(TestActor.PartnerAdmin(_data.NorthwindId)), SepToOct).ToQueryString();

        // One statement: a GROUP BY per month joined with UNION ALL (alias quoting differs between SQLite and PostgreSQL).
        sql.Should().MatchRegex("GROUP BY \"?m\"?\\.\"AccountId\"").And.Contain("UNION ALL");
        sql.Split("UNION ALL").Should().HaveCount(2, "September and October");
    }

    [Fact]
    public async Task SearchAccountsAsync_PartnerAdmin_OnlyItsAccountsMatchingTheText()
    {
        var all = await _service.SearchAccountsAsync(null, null, 20, CancellationToken.None);
        var beta = await _service.SearchAccountsAsync(null, "bet", 20, CancellationToken.None);
        var gamma = await _service.SearchAccountsAsync(null, "gamma", 20, CancellationToken.None);

        all.Select(a => a.ExternalId).Should().Equal("alpha", "beta");
        beta.Select(a => a.ExternalId).Should().Equal("beta");
        gamma.Should().BeEmpty();
    }
}

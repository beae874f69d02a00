using PartnerPortal.Domain.Reports;

namespace PartnerPortal.Tests.Domain.Reports;

public sealed class ReportCsvTests
{
    [Fact]
    public void Write_Report_HeaderAndOneLinePerRowWithEscapedNames()
    {
        var filter = new ReportFilter(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 31));
        var account = new ReportAccountOption(1, 1, "-alpha", "=cmd|' /C calc'!A0", "Northwind, Inc.");
        var report = new MessageReport(filter,
            [
                new AccountMonthFigures(account, 2026, 9, new ReportFigures(5, 9, 3, 2)),
                new AccountMonthFigures(account, 2026, 10, new ReportFigures(1, 1, 0, 0)),
            ],
            [], new ReportFigures(6, 10, 3, 2));

        var lines = ReportCsv.Write(report).Split("\r\n");

        lines.Should().Equal(
            "Vendor,Account ID,Account,Month,Messages sent,Segments,Delivered,Failed,Delivery rate",
            "\"Northwind, Inc.\",'-alpha,'=cmd|' /C calc'!A0,2026-09,5,9,3,2,60.0%",
            "\"Northwind, Inc.\",'-alpha,'=cmd|' /C calc'!A0,2026-10,1,1,0,0,",
            "");
    }

    [Fact]
    public void FileName_Filter_NamesTheRange() =>
        ReportCsv.FileName(new ReportFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)))
            .Should().Be("messages-2026-01-01-to-2026-12-31.csv");
}

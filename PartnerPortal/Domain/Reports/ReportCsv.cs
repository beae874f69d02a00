using System.Globalization;
using System.Text;

namespace PartnerPortal.Domain.Reports;

/// <summary>
/// The report as CSV (RFC 4180, CRLF line ends). Cells that a spreadsheet would read as a formula —
/// beginning with <c>= + - @</c>, or a tab or carriage return — get a leading single quote (OWASP
/// "CSV injection"); cells with a comma, quote or line break are quoted.
/// </summary>
public static class ReportCsv
{
    public static readonly string[] Header =
        ["Vendor", "Account ID", "Account", "Month", "Messages sent", "Segments", "Delivered", "Failed", "Delivery rate"];

    public static string Write(MessageReport report)
    {
        var csv = new StringBuilder();
        AppendLine(csv, Header);
        foreach (var row in report.Rows)
        {
            var f = row.Figures;
            AppendLine(csv,
            [
                row.Account.PartnerName, row.Account.ExternalId, row.Account.Name, row.MonthKey,
                Number(f.MessagesSent), Number(f.Segments), Number(f.Delivered), Number(f.Failed), f.DeliveryRateText,
            ]);
        }

        return csv.ToString();
    }

    /// <summary>The file name for a report, e.g. <c>messages-2026-01-01-to-2026-12-31.csv</c>.</summary>
    public static string FileName(ReportFilter filter) =>
        $"messages-{filter.From:yyyy-MM-dd}-to-{filter.To:yyyy-MM-dd}.csv";

    /// <summary>One cell: formula-looking values neutralised, then quoted when needed.</summary>
    public static string EscapeCell(string? value) => Common.Csv.Cell(value);

    private static void AppendLine(StringBuilder csv, IReadOnlyList<string> cells) => Common.Csv.AppendRow(csv, cells);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Reports;

/// <summary>The report as CSV: a header and one row per account and month, written with <see cref="Csv"/>.</summary>
public static class ReportCsv
{
    public static readonly string[] Header =
        ["Vendor", "Account ID", "Account", "Month", "Messages sent", "Segments", "Delivered", "Failed", "Delivery rate"];

    public static string Write(MessageReport report)
    {
        var csv = new StringBuilder();
        Csv.AppendRow(csv, Header);
        foreach (var row in report.Rows)
        {
            var f = row.Figures;
            Csv.AppendRow(csv,
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

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

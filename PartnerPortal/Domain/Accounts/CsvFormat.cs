using System.Text;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Accounts;

/// <summary>The Accounts export's CSV cells (see <see cref="Csv"/>).</summary>
public static class CsvFormat
{
    public static string Cell(string? value) => Csv.Cell(value);

    public static void AppendRow(StringBuilder csv, IEnumerable<string?> cells) => Csv.AppendRow(csv, cells);
}

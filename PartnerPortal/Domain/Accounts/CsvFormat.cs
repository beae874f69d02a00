using System.Text;

namespace PartnerPortal.Domain.Accounts;

/// <summary>RFC 4180 CSV cells that are safe to open in a spreadsheet.</summary>
public static class CsvFormat
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    /// <summary>
    /// One cell: a value beginning with <c>= + - @</c> (or a tab or carriage return) is prefixed with a
    /// single quote so spreadsheets do not run it as a formula (CSV injection); a value containing a
    /// comma, quote or line break is quoted, with quotes doubled.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (FormulaStarts.Contains(value[0]))
        {
            value = "'" + value;
        }

        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Appends one line (cells separated by commas, CRLF at the end).</summary>
    public static void AppendRow(StringBuilder csv, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                csv.Append(',');
            }

            csv.Append(Cell(cell));
            first = false;
        }

        csv.Append("\r\n");
    }
}

using System.Text;

namespace PartnerPortal.Domain.Common;

/// <summary>RFC 4180 CSV (CRLF lines) that is safe to open in a spreadsheet; every export of the portal uses it.</summary>
public static class Csv
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

        if (Array.IndexOf(FormulaStarts, value[0]) >= 0)
        {
            value = "'" + value;
        }

        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>One line: cells separated by commas, CRLF at the end.</summary>
    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    public static void AppendRow(StringBuilder csv, IEnumerable<string?> cells) => csv.Append(Row(cells));
}

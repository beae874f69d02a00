using System.Text;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Tests.Domain.Common;

/// <summary>The one CSV writer behind the Accounts, Audit Log and Reports exports.</summary>
public sealed class CsvTests
{
    [Theory]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+16145550123", "'+16145550123")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tTabbed", "'\tTabbed")]
    public void Cell_FormulaStart_PrefixedWithQuote(string value, string expected) =>
        Csv.Cell(value).Should().Be(expected);

    [Fact]
    public void Cell_LeadingCarriageReturn_PrefixedWithQuoteAndQuoted() =>
        Csv.Cell("\rReturn").Should().Be("\"'\rReturn\"");

    [Theory]
    [InlineData("Smith, Jane", "\"Smith, Jane\"")]
    [InlineData("The \"Best\" Clinic", "\"The \"\"Best\"\" Clinic\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    public void Cell_CommaQuoteOrLineBreak_Quoted(string value, string expected) =>
        Csv.Cell(value).Should().Be(expected);

    [Theory]
    [InlineData("=1,2", "\"'=1,2\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    public void Cell_FormulaNeedingQuotes_PrefixedThenQuoted(string value, string expected) =>
        Csv.Cell(value).Should().Be(expected);

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("Lakeside Pediatrics", "Lakeside Pediatrics")]
    [InlineData("a-b=c", "a-b=c")]
    [InlineData("a = b", "a = b")]
    [InlineData("it's", "it's")]
    public void Cell_PlainValue_Unchanged(string? value, string expected) =>
        Csv.Cell(value).Should().Be(expected);

    [Fact]
    public void Row_Cells_EscapedJoinedByCommasEndingInCrLf() =>
        Csv.Row(["Riverside, Inc.", null, "-1", "plain"]).Should().Be("\"Riverside, Inc.\",,'-1,plain\r\n");

    [Fact]
    public void AppendRow_TwoRows_AppendsEachLine()
    {
        var csv = new StringBuilder();

        Csv.AppendRow(csv, ["a", "b"]);
        Csv.AppendRow(csv, ["c", "d"]);

        csv.ToString().Should().Be("a,b\r\nc,d\r\n");
    }
}

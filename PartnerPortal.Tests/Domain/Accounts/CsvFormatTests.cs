using PartnerPortal.Domain.Accounts;

namespace PartnerPortal.Tests.Domain.Accounts;

public class CsvFormatTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+16145550123", "'+16145550123")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    public void Cell_FormulaStart_PrefixedWithQuote(string value, string expected) =>
        CsvFormat.Cell(value).Should().Be(expected);

    [Theory]
    [InlineData("Riverside, Inc.", "\"Riverside, Inc.\"")]
    [InlineData("The \"Best\" Clinic", "\"The \"\"Best\"\" Clinic\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    public void Cell_CommaQuoteOrLineBreak_Quoted(string value, string expected) =>
        CsvFormat.Cell(value).Should().Be(expected);

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("Lakeside Pediatrics", "Lakeside Pediatrics")]
    [InlineData("a-b=c", "a-b=c")]
    public void Cell_PlainValue_Unchanged(string? value, string expected) =>
        CsvFormat.Cell(value).Should().Be(expected);
}

using PartnerPortal.Domain.Audit;

namespace PartnerPortal.Tests.Domain.Audit;

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+1 555", "'+1 555")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tTabbed", "'\tTabbed")]
    [InlineData("\rReturn", "\"'\rReturn\"")]
    [InlineData("plain text", "plain text")]
    [InlineData("a=b", "a=b")]
    public void Cell_FormulaStarts_GetALeadingQuote(string value, string expected) =>
        AuditCsv.Cell(value).Should().Be(expected);

    [Theory]
    [InlineData("Smith, Jane", "\"Smith, Jane\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1,2", "\"'=1,2\"")]
    public void Cell_CommasQuotesAndLineBreaks_AreQuoted(string value, string expected) =>
        AuditCsv.Cell(value).Should().Be(expected);

    [Fact]
    public void Cell_Null_IsEmpty() => AuditCsv.Cell(null).Should().BeEmpty();

    [Fact]
    public void FormatChanges_ShowsBeforeAndAfterWithEmptyValuesNamed() =>
        AuditCsv.FormatChanges([new FieldChange("City", "Columbus", "Dayton"), new FieldChange("Zip", null, "43215")])
            .Should().Be("City: Columbus → Dayton; Zip: (empty) → 43215");
}

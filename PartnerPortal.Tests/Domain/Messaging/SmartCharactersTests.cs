using FluentAssertions;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Tests.Domain.Messaging;

public class SmartCharactersTests
{
    [Theory]
    [InlineData("\u2018", "'")] // ‘
    [InlineData("\u2019", "'")] // ’
    [InlineData("\u201A", "'")] // ‚
    [InlineData("\u2032", "'")] // ′
    [InlineData("`", "'")]
    [InlineData("\u201C", "\"")] // “
    [InlineData("\u201D", "\"")] // ”
    [InlineData("\u201E", "\"")] // „
    [InlineData("\u2033", "\"")] // ″
    [InlineData("\u00AB", "\"")] // «
    [InlineData("\u2013", "-")] // – en dash
    [InlineData("\u2014", "-")] // — em dash
    [InlineData("\u2011", "-")] // non-breaking hyphen
    [InlineData("\u2212", "-")] // − minus
    [InlineData("\u2022", "-")] // • bullet
    [InlineData("\u2026", "...")] // …
    [InlineData("\u00A0", " ")] // no-break space
    [InlineData("\u2009", " ")] // thin space
    [InlineData("\u202F", " ")] // narrow no-break space
    [InlineData("\t", " ")]
    [InlineData("\u2028", "\n")] // line separator
    [InlineData("\u200B", "")] // zero-width space
    [InlineData("\uFEFF", "")] // byte order mark
    [InlineData("\u00AD", "")] // soft hyphen
    public void Replace_SmartCharacter_GsmEquivalent(string smart, string expected)
    {
        SmartCharacters.Replace("a" + smart + "b").Should().Be("a" + expected + "b");
    }

    [Fact]
    public void Replace_WordProcessorText_BecomesGsmText()
    {
        const string pasted = "\u201CDon\u2019t forget\u201D \u2013 your visit\u2026 is at 3\u00A0pm \u2022 Dr.\u2009Lee\u200B";

        var replaced = SmartCharacters.Replace(pasted);

        replaced.Should().Be("\"Don't forget\" - your visit... is at 3 pm - Dr. Lee");
        SegmentCalculator.Calculate(replaced).Encoding.Should().Be("GSM-7");
    }

    [Theory]
    [InlineData("Plain GSM text, nothing to change.")]
    [InlineData("Café à Ça, ç, á and ж stay letters")]
    [InlineData("Family \U0001F468\u200D\U0001F469\u200D\U0001F467 emoji keep their joiners")]
    [InlineData("")]
    public void Replace_NothingReplaceable_Unchanged(string text)
    {
        SmartCharacters.Replace(text).Should().Be(text);
    }

    [Theory]
    [InlineData("It\u2019s ready", true)]
    [InlineData("Wait\u2026", true)]
    [InlineData("zero\u200Bwidth", true)]
    [InlineData("It's ready", false)]
    [InlineData("Caf\u00E9 \U0001F600", false)]
    [InlineData("", false)]
    public void HasReplaceable_Text_ExpectedAnswer(string text, bool expected)
    {
        SmartCharacters.HasReplaceable(text).Should().Be(expected);
    }

    [Fact]
    public void Replace_NullText_Throws()
    {
        var act = () => SmartCharacters.Replace(null!);

        act.Should().Throw<ArgumentNullException>();
    }
}

using FluentAssertions;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Tests.Domain.Messaging;

public class SegmentCalculatorTests
{
    private const string Cyrillic = "\u0436"; // ж, not in the GSM alphabet
    private const string Emoji = "\U0001F600"; // 😀, a surrogate pair

    [Fact]
    public void Calculate_EmptyText_ZeroSegmentsInGsm()
    {
        var info = SegmentCalculator.Calculate("");

        info.Should().BeEquivalentTo(new SegmentInfo("GSM-7", 0, 0, [], false));
    }

    [Fact]
    public void Calculate_NullText_Throws()
    {
        var act = () => SegmentCalculator.Calculate(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Calculate_GsmTextOfLength_ExpectedSegments(int length, int expectedSegments)
    {
        var info = SegmentCalculator.Calculate(new string('a', length));

        info.Encoding.Should().Be("GSM-7");
        info.IsUnicode.Should().BeFalse();
        info.Characters.Should().Be(length);
        info.Segments.Should().Be(expectedSegments);
        info.NonGsmCharacters.Should().BeEmpty();
    }

    [Fact]
    public void Calculate_WholeGsmBasicTable_GsmWithOneSeptetEach()
    {
        const string basicTable =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
            "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

        var info = SegmentCalculator.Calculate(basicTable);

        basicTable.Length.Should().Be(127);
        info.Encoding.Should().Be("GSM-7");
        info.Characters.Should().Be(127);
        info.Segments.Should().Be(1);
    }

    [Theory]
    [InlineData("^")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("\\")]
    [InlineData("[")]
    [InlineData("~")]
    [InlineData("]")]
    [InlineData("|")]
    [InlineData("€")]
    [InlineData("\f")]
    public void Calculate_ExtensionCharacter_GsmCostingTwoSeptets(string character)
    {
        var info = SegmentCalculator.Calculate(character);

        info.Encoding.Should().Be("GSM-7");
        info.Characters.Should().Be(2);
        info.Segments.Should().Be(1);
    }

    [Fact]
    public void Calculate_159BasicPlusOneExtension_161SeptetsInTwoSegments()
    {
        var info = SegmentCalculator.Calculate(new string('a', 159) + "€");

        info.Characters.Should().Be(161);
        info.Segments.Should().Be(2);
    }

    [Fact]
    public void Calculate_ExtensionCharacterStraddlingSegmentBoundary_MovesToNextSegment()
    {
        // The € would take septets 153 and 154: it starts segment 2, leaving 152 + 154 septets.
        var info = SegmentCalculator.Calculate(new string('a', 152) + "€" + new string('a', 152));

        info.Characters.Should().Be(306);
        info.Segments.Should().Be(3);
    }

    [Fact]
    public void Calculate_ExtensionCharacterEndingAtSegmentBoundary_StaysInSegment()
    {
        var info = SegmentCalculator.Calculate(new string('a', 151) + "€" + new string('a', 153));

        info.Characters.Should().Be(306);
        info.Segments.Should().Be(2);
    }

    [Theory]
    [InlineData(80, 160, 1)]
    [InlineData(81, 162, 2)]
    [InlineData(152, 304, 2)]
    [InlineData(153, 306, 3)]
    public void Calculate_OnlyExtensionCharacters_76PerConcatenatedSegment(int count, int expectedSeptets, int expectedSegments)
    {
        var info = SegmentCalculator.Calculate(string.Concat(Enumerable.Repeat("€", count)));

        info.Encoding.Should().Be("GSM-7");
        info.Characters.Should().Be(expectedSeptets);
        info.Segments.Should().Be(expectedSegments);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    [InlineData(201, 3)]
    [InlineData(202, 4)]
    public void Calculate_Ucs2TextOfLength_ExpectedSegments(int length, int expectedSegments)
    {
        var info = SegmentCalculator.Calculate(string.Concat(Enumerable.Repeat(Cyrillic, length)));

        info.Encoding.Should().Be("UCS-2");
        info.IsUnicode.Should().BeTrue();
        info.Characters.Should().Be(length);
        info.Segments.Should().Be(expectedSegments);
        info.NonGsmCharacters.Should().Equal(Cyrillic);
    }

    [Fact]
    public void Calculate_OneNonGsmCharacterInGsmText_WholeTextUcs2()
    {
        var info = SegmentCalculator.Calculate(new string('a', 70) + Cyrillic);

        info.Encoding.Should().Be("UCS-2");
        info.Characters.Should().Be(71);
        info.Segments.Should().Be(2);
    }

    [Fact]
    public void Calculate_Emoji_TwoCodeUnitsListedWhole()
    {
        var info = SegmentCalculator.Calculate("Hi " + Emoji);

        info.Encoding.Should().Be("UCS-2");
        info.Characters.Should().Be(5);
        info.Segments.Should().Be(1);
        info.NonGsmCharacters.Should().Equal(Emoji);
    }

    [Theory]
    [InlineData(35, 70, 1)]
    [InlineData(36, 72, 2)]
    [InlineData(67, 134, 3)]
    public void Calculate_OnlyEmoji_33PerConcatenatedSegment(int count, int expectedCodeUnits, int expectedSegments)
    {
        var info = SegmentCalculator.Calculate(string.Concat(Enumerable.Repeat(Emoji, count)));

        info.Characters.Should().Be(expectedCodeUnits);
        info.Segments.Should().Be(expectedSegments);
        info.NonGsmCharacters.Should().Equal(Emoji);
    }

    [Fact]
    public void Calculate_SurrogatePairStraddlingSegmentBoundary_MovesToNextSegment()
    {
        // The emoji would take code units 67 and 68: it starts segment 2, leaving 66 + 68 units.
        var text = string.Concat(Enumerable.Repeat(Cyrillic, 66)) + Emoji + string.Concat(Enumerable.Repeat(Cyrillic, 66));

        var info = SegmentCalculator.Calculate(text);

        info.Characters.Should().Be(134);
        info.Segments.Should().Be(3);
    }

    [Fact]
    public void Calculate_SurrogatePairEndingAtSegmentBoundary_StaysInSegment()
    {
        var text = string.Concat(Enumerable.Repeat(Cyrillic, 65)) + Emoji + string.Concat(Enumerable.Repeat(Cyrillic, 67));

        var info = SegmentCalculator.Calculate(text);

        info.Characters.Should().Be(134);
        info.Segments.Should().Be(2);
    }

    [Fact]
    public void Calculate_CombiningMark_CountedAsOwnCodeUnit()
    {
        var info = SegmentCalculator.Calculate("Cafe\u0301");

        info.Encoding.Should().Be("UCS-2");
        info.Characters.Should().Be(5);
        info.NonGsmCharacters.Should().Equal("\u0301");
    }

    [Theory]
    [InlineData(35, 1)]
    [InlineData(36, 2)]
    public void Calculate_LettersWithCombiningMarks_TwoCodeUnitsEach(int count, int expectedSegments)
    {
        var info = SegmentCalculator.Calculate(string.Concat(Enumerable.Repeat("e\u0301", count)));

        info.Characters.Should().Be(count * 2);
        info.Segments.Should().Be(expectedSegments);
    }

    [Fact]
    public void Calculate_Crlf_GsmCountingTwoCharacters()
    {
        var info = SegmentCalculator.Calculate("Hi\r\nthere");

        info.Encoding.Should().Be("GSM-7");
        info.Characters.Should().Be(9);
    }

    [Theory]
    [InlineData(80, 1)]
    [InlineData(81, 2)]
    public void Calculate_OnlyCrlf_TwoSeptetsEach(int count, int expectedSegments)
    {
        var info = SegmentCalculator.Calculate(string.Concat(Enumerable.Repeat("\r\n", count)));

        info.Characters.Should().Be(count * 2);
        info.Segments.Should().Be(expectedSegments);
    }

    [Fact]
    public void Calculate_RepeatedNonGsmCharacters_ListedOnceInOrderOfFirstAppearance()
    {
        var info = SegmentCalculator.Calculate("€" + Cyrillic + "a" + Emoji + Cyrillic + "ç" + Emoji + "Ç");

        info.NonGsmCharacters.Should().Equal(Cyrillic, Emoji, "ç");
    }

    [Theory]
    [InlineData("ç")]
    [InlineData("`")]
    [InlineData("\t")]
    [InlineData("á")]
    [InlineData("’")]
    [InlineData("\u00A0")]
    public void Calculate_CharacterOutsideGsmTables_Ucs2(string character)
    {
        var info = SegmentCalculator.Calculate("Hello " + character);

        info.Encoding.Should().Be("UCS-2");
        info.NonGsmCharacters.Should().Equal(character);
    }
}

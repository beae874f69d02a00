using System.Collections.Frozen;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// Counts SMS segments (credits) for a text, following GSM 03.38 / 3GPP TS 23.038.
/// </summary>
/// <remarks>
/// <para>A text whose every character is in the GSM 7-bit default alphabet (basic table) or its
/// extension table is sent as GSM-7. Basic characters cost one septet; extension characters
/// (<c>^ { } \ [ ~ ] | €</c> and form feed) cost two (escape + character). One segment holds
/// 160 septets; a concatenated message holds 153 septets per segment, and an escape pair is
/// never split: an extension character that would straddle a boundary starts the next segment.</para>
/// <para>Any other character makes the whole text UCS-2: 70 UTF-16 code units in one segment,
/// 67 per segment when concatenated, and a surrogate pair is never split across segments.</para>
/// <para><see cref="SegmentInfo.Characters"/> is the length in the chosen encoding: septets for
/// GSM-7, UTF-16 code units for UCS-2, because those are the units the segment limits count.
/// CR and LF are both basic characters, so CRLF counts 2. The basic table has capital
/// <c>Ç</c> only (as in the standard); a lower-case <c>ç</c> forces UCS-2.</para>
/// </remarks>
public static class SegmentCalculator
{
    /// <summary>The GSM 7-bit default alphabet.</summary>
    public const string Gsm7 = "GSM-7";

    /// <summary>UCS-2 (UTF-16 code units).</summary>
    public const string Ucs2 = "UCS-2";

    /// <summary>Septets in a GSM-7 text that fits one segment.</summary>
    public const int GsmSingleSegmentSeptets = 160;

    /// <summary>Septets per segment of a concatenated GSM-7 text.</summary>
    public const int GsmConcatenatedSegmentSeptets = 153;

    /// <summary>UTF-16 code units in a UCS-2 text that fits one segment.</summary>
    public const int Ucs2SingleSegmentUnits = 70;

    /// <summary>UTF-16 code units per segment of a concatenated UCS-2 text.</summary>
    public const int Ucs2ConcatenatedSegmentUnits = 67;

    // GSM 03.38 basic table, 0x00-0x7F in order, without 0x1B (ESC).
    private const string BasicTable =
        "@\u00A3$\u00A5\u00E8\u00E9\u00F9\u00EC\u00F2\u00C7\n\u00D8\u00F8\r\u00C5\u00E5" +
        "\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\u00C6\u00E6\u00DF\u00C9" +
        " !\"#\u00A4%&'()*+,-./" +
        "0123456789:;<=>?" +
        "\u00A1ABCDEFGHIJKLMNO" +
        "PQRSTUVWXYZ\u00C4\u00D6\u00D1\u00DC\u00A7" +
        "\u00BFabcdefghijklmno" +
        "pqrstuvwxyz\u00E4\u00F6\u00F1\u00FC\u00E0";

    // GSM 03.38 extension table (each costs ESC + character = 2 septets).
    private const string ExtensionTable = "\f^{}\\[~]|\u20AC";

    private static readonly FrozenSet<char> _basic = BasicTable.ToFrozenSet();
    private static readonly FrozenSet<char> _extension = ExtensionTable.ToFrozenSet();

    /// <summary>Works out the encoding, length and segment count of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static SegmentInfo Calculate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var nonGsm = FindNonGsmCharacters(text);
        return nonGsm.Count == 0 ? CalculateGsm(text) : CalculateUcs2(text, nonGsm);
    }

    private static List<string> FindNonGsmCharacters(string text)
    {
        var found = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (_basic.Contains(c) || _extension.Contains(c))
            {
                continue;
            }

            var character = char.IsSurrogatePair(text, i) ? text.Substring(i++, 2) : c.ToString();
            if (!found.Contains(character))
            {
                found.Add(character);
            }
        }

        return found;
    }

    private static SegmentInfo CalculateGsm(string text)
    {
        var septets = 0;
        var segments = 1;
        var used = 0;
        foreach (var c in text)
        {
            var cost = _extension.Contains(c) ? 2 : 1;
            septets += cost;
            if (used + cost > GsmConcatenatedSegmentSeptets)
            {
                segments++;
                used = 0;
            }

            used += cost;
        }

        return new SegmentInfo(Gsm7, septets, CountSegments(septets, GsmSingleSegmentSeptets, segments), [], false);
    }

    private static SegmentInfo CalculateUcs2(string text, IReadOnlyList<string> nonGsm)
    {
        var segments = 1;
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var cost = char.IsSurrogatePair(text, i) ? 2 : 1;
            if (used + cost > Ucs2ConcatenatedSegmentUnits)
            {
                segments++;
                used = 0;
            }

            used += cost;
            i += cost - 1;
        }

        return new SegmentInfo(Ucs2, text.Length, CountSegments(text.Length, Ucs2SingleSegmentUnits, segments), nonGsm, true);
    }

    private static int CountSegments(int length, int singleSegmentLimit, int concatenatedSegments) =>
        length == 0 ? 0
        : length <= singleSegmentLimit ? 1
        : concatenatedSegments;
}

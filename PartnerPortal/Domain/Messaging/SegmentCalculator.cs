using System.Collections.Frozen;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// Counts SMS segments (credits) per GSM 03.38 / 3GPP TS 23.038 with the limits of DESIGN §4 ("Segments"): GSM-7 when every
/// character is in the basic or extension table, else UCS-2. Neither an escape pair nor a surrogate pair is split across
/// segments. CR and LF are basic, so CRLF counts 2; the basic table has capital <c>Ç</c> only, so <c>ç</c> forces UCS-2.
/// </summary>
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

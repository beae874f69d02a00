using System.Collections.Frozen;
using System.Text;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// Replaces the typographic characters word processors and phones insert (curly quotes, dashes, ellipsis, special spaces,
/// bullets) with GSM-7 equivalents, so a pasted text is not silently sent as UCS-2 at less than half the segment size.
/// Only punctuation, spacing and invisible formatting change: never letters, emoji or zero-width joiners (which hold emoji
/// sequences together).
/// </summary>
public static class SmartCharacters
{
    private static readonly FrozenDictionary<char, string> _replacements = new Dictionary<char, string>
    {
        // Single quotes, primes and accents used as apostrophes.
        ['\u2018'] = "'", // ‘ left single quotation mark
        ['\u2019'] = "'", // ’ right single quotation mark
        ['\u201A'] = "'", // ‚ single low-9 quotation mark
        ['\u201B'] = "'", // ‛ single high-reversed-9 quotation mark
        ['\u2032'] = "'", // ′ prime
        ['\u00B4'] = "'", // ´ acute accent
        ['`'] = "'",      // grave accent (ASCII, but not in the GSM alphabet)

        // Double quotes and primes.
        ['\u201C'] = "\"", // “ left double quotation mark
        ['\u201D'] = "\"", // ” right double quotation mark
        ['\u201E'] = "\"", // „ double low-9 quotation mark
        ['\u201F'] = "\"", // ‟ double high-reversed-9 quotation mark
        ['\u2033'] = "\"", // ″ double prime
        ['\u00AB'] = "\"", // « left-pointing double angle quotation mark
        ['\u00BB'] = "\"", // » right-pointing double angle quotation mark

        // Hyphens, dashes and minus.
        ['\u2010'] = "-", // hyphen
        ['\u2011'] = "-", // non-breaking hyphen
        ['\u2012'] = "-", // figure dash
        ['\u2013'] = "-", // – en dash
        ['\u2014'] = "-", // — em dash
        ['\u2015'] = "-", // horizontal bar
        ['\u2212'] = "-", // − minus sign

        // Bullets.
        ['\u2022'] = "-", // • bullet
        ['\u2023'] = "-", // ‣ triangular bullet
        ['\u2043'] = "-", // ⁃ hyphen bullet
        ['\u25E6'] = "-", // ◦ white bullet

        ['\u2026'] = "...", // … horizontal ellipsis

        // Spaces.
        ['\t'] = " ",
        ['\u00A0'] = " ", // no-break space
        ['\u2000'] = " ", // en quad
        ['\u2001'] = " ", // em quad
        ['\u2002'] = " ", // en space
        ['\u2003'] = " ", // em space
        ['\u2004'] = " ", // three-per-em space
        ['\u2005'] = " ", // four-per-em space
        ['\u2006'] = " ", // six-per-em space
        ['\u2007'] = " ", // figure space
        ['\u2008'] = " ", // punctuation space
        ['\u2009'] = " ", // thin space
        ['\u200A'] = " ", // hair space
        ['\u202F'] = " ", // narrow no-break space
        ['\u205F'] = " ", // medium mathematical space

        // Line and paragraph separators.
        ['\u2028'] = "\n",
        ['\u2029'] = "\n",

        // Invisible characters, removed.
        ['\u200B'] = "", // zero-width space
        ['\u2060'] = "", // word joiner
        ['\uFEFF'] = "", // zero-width no-break space / byte order mark
        ['\u00AD'] = "", // soft hyphen
    }.ToFrozenDictionary();

    /// <summary>Returns <paramref name="text"/> with every replaceable character replaced.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string Replace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasReplaceable(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (_replacements.TryGetValue(c, out var replacement))
            {
                builder.Append(replacement);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether <see cref="Replace"/> would change <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static bool HasReplaceable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (_replacements.ContainsKey(c))
            {
                return true;
            }
        }

        return false;
    }
}

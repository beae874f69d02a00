using System.Text.RegularExpressions;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// Checks a text's content against the carrier rules of DESIGN §4 step 3: a blocked finding refuses the send, a warning
/// only needs the user's confirmation. Each finding names its rule and carries the words that triggered it
/// (<see cref="LintFinding.Text"/>); the precise rules are on the rule constants below.
/// </summary>
public static partial class ContentLint
{
    /// <summary>
    /// Blocked: a public link shortener as the whole host, any case, with or without scheme and <c>www.</c> (<c>notbit.ly</c>,
    /// <c>bit.ly.example.com</c> and a name inside a path do not count). One finding per distinct shortener.
    /// </summary>
    public const string UrlShortenerRule = "url-shortener";

    /// <summary>Blocked: a cannabis term as a whole word, any case (<c>Cannabis-free</c> counts, <c>CBDC</c> does not); one finding per term.</summary>
    public const string CannabisRule = "cannabis";

    /// <summary>Warning: mostly capital letters; uncased letters, digits and punctuation are ignored, so "CALL US NOW" is too short.</summary>
    public const string AllCapsRule = "all-caps";

    /// <summary>
    /// Warning: promotional wording (discount, coupon, promo, % off, $N off, free, save, deal, sale, limited time, BOGO, half price …)
    /// with a prescription term (Rx, refill, prescription, medication, meds, drug, pharmacy, pill, a common drug name) in the same text.
    /// </summary>
    public const string RxPromotionRule = "rx-promotion";

    /// <summary>
    /// Warning: the same promotional wording without a prescription term (carriers filter marketing sent as notifications). Not offers:
    /// "feel free", "toll-free", "X-free", "free" meaning available ("free on Thursday", "free to call"), "deal with", "a great deal of".
    /// </summary>
    public const string PromotionRule = "promotional-offer";

    /// <summary>Fewest cased letters a text needs before <see cref="AllCapsRule"/> applies.</summary>
    public const int AllCapsMinimumLetters = 12;

    /// <summary>Share of capitals among cased letters that must be exceeded for <see cref="AllCapsRule"/>.</summary>
    public const double AllCapsUppercaseShare = 0.7;

    private static readonly IReadOnlyDictionary<string, string> _cannabisTerms =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["mmj"] = "MMJ",
            ["marijuana"] = "marijuana",
            ["cannabis"] = "cannabis",
            ["releaf"] = "releaf",
            ["cbd"] = "CBD",
        };

    /// <summary>Checks <paramref name="text"/> against every content rule.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static LintResult Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var blocked = new List<LintFinding>();
        var warnings = new List<LintFinding>();

        foreach (var (shortener, written) in DistinctMatches(UrlShortenerRegex(), text, "domain", m => m.ToLowerInvariant()))
        {
            blocked.Add(new LintFinding(
                UrlShortenerRule,
                written,
                $"The link shortener \"{shortener}\" is not allowed because carriers block public link shorteners; use a link on your practice's own domain instead."));
        }

        foreach (var (term, written) in DistinctMatches(CannabisRegex(), text, "term", m => _cannabisTerms[m]))
        {
            blocked.Add(new LintFinding(
                CannabisRule,
                written,
                $"The word \"{term}\" is not allowed because carriers block cannabis-related content."));
        }

        if (IsMostlyCapitals(text))
        {
            warnings.Add(new LintFinding(
                AllCapsRule,
                text.Trim(),
                "This text is mostly in capital letters, and texts in capitals are often filtered as spam, so consider using normal capitalization."));
        }

        if (PromotionRegex().Match(text) is { Success: true } offer)
        {
            var words = offer.Value.Trim();
            warnings.Add(PrescriptionRegex().Match(text) is { Success: true } drug
                ? new LintFinding(
                    RxPromotionRule,
                    $"{words} … {drug.Value}",
                    "This text offers a promotion on prescription medicines, and such offers are filtered by carriers, so it may not be delivered.")
                : new LintFinding(
                    PromotionRule,
                    words,
                    $"This text reads as a promotional offer (\"{words}\"), and carriers filter marketing sent as a notification, so it may not be delivered."));
        }

        return new LintResult(blocked, warnings);
    }

    // Each distinct (normalized) value once, with the words as first written.
    private static List<(string Value, string Written)> DistinctMatches(Regex regex, string text, string group, Func<string, string> normalize)
    {
        var found = new List<(string Value, string Written)>();
        foreach (Match match in regex.Matches(text))
        {
            var value = normalize(match.Groups[group].Value);
            if (!found.Exists(f => f.Value == value))
            {
                found.Add((value, match.Value));
            }
        }

        return found;
    }

    private static bool IsMostlyCapitals(string text)
    {
        var upper = 0;
        var lower = 0;
        foreach (var c in text)
        {
            if (char.IsUpper(c))
            {
                upper++;
            }
            else if (char.IsLower(c))
            {
                lower++;
            }
        }

        var letters = upper + lower;
        return letters >= AllCapsMinimumLetters && upper > letters * AllCapsUppercaseShare;
    }

    // Starts where a host can start (not inside a word, host, or path), then an optional scheme and
    // "www.", then the shortener, which must end the host (no further label characters or ".label").
    [GeneratedRegex(
        @"(?<![\w.\-/])(?:https?://)?(?:www\.)?(?<domain>" +
        @"bit\.ly|bitly\.com|j\.mp|tinyurl\.com|goo\.gl|t\.co|ow\.ly|is\.gd|v\.gd|buff\.ly|rebrand\.ly|" +
        @"cutt\.ly|shorturl\.at|tiny\.cc|bl\.ink|t\.ly|rb\.gy|s\.id|lnkd\.in|adf\.ly" +
        @")(?![\w\-]|\.[\w\-])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlShortenerRegex();

    [GeneratedRegex(
        @"\b(?<term>mmj|marijuana|cannabis|releaf|cbd)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CannabisRegex();

    [GeneratedRegex(
        @"\bdiscount(?:s|ed)?\b|\bcoupons?\b|\bpromo(?:\s+codes?)?\b|\bbogo\b|\bhalf[\s\-]price\b" +
        @"|\d+\s*%\s*off\b|%\s*off\b|\b\d+\s+percent\s+off\b|\bpercent\s+off\b|\$\s*\d+(?:[.,]\d+)?\s*off\b" +
        @"|\bsave\s+(?:up\s+to\s+)?(?:\$\s*\d+|\d+\s*%)" +
        @"|\b(?:great\s+|best\s+)?deals?\b(?!\s+(?:with|of)\b)" +
        @"|\bon\s+sale\b|\bsale\b|\bclearance\b|\blimited[\s\-]+time\b|\b(?:special|exclusive)\s+offers?\b" +
        @"|\bbuy\s+one,?\s+get\s+one\b|\btoday\s+only\b|\bact\s+now\b|\b(?:lowest|best)\s+prices?\b|\bgift\s+cards?\b|\bgiveaway\b" +
        @"|(?<!\bfeel\s+)(?<!\btoll[\s\-]*)(?<!\w-)\bfree\b(?!-)(?!\s+(?:on|at|to|of|this|that|today|tomorrow|tonight|now|next|until|after|before|from|between|for\s+(?:a|an|the)\s+(?:call|visit|chat))\b)(?!\s*\?)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PromotionRegex();

    [GeneratedRegex(
        @"\b(?:rx|refills?|prescriptions?|medications?|medicines?|meds|drugs?|pharmac(?:y|ies)|pills?" +
        @"|viagra|cialis|sildenafil|tadalafil|ozempic|wegovy|mounjaro|zepbound|semaglutide|tirzepatide" +
        @"|adderall|xanax|oxycodone|tramadol|phentermine|ambien|valium)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrescriptionRegex();
}

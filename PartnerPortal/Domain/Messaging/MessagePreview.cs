namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// What the Send dialog's live counter and the Integration API's <c>POST /messages/preview</c> show:
/// encoding, length, segments, the characters that force UCS-2, and the content lint.
/// </summary>
public sealed record MessagePreview(
    string Encoding,
    int Characters,
    int Segments,
    IReadOnlyList<string> NonGsmCharacters,
    IReadOnlyList<LintFinding> Blocked,
    IReadOnlyList<LintFinding> Warnings,
    bool HasSmartCharacters)
{
    /// <summary>The most segments one text may have (DESIGN §4 step 3).</summary>
    public const int MaxSegments = 10;

    public bool IsTooLong => Segments > MaxSegments;
    public bool IsBlocked => Blocked.Count > 0;
    public bool HasWarnings => Warnings.Count > 0;

    /// <summary>Counts and lints <paramref name="content"/> (null counts as empty).</summary>
    public static MessagePreview Of(string? content)
    {
        var text = content ?? "";
        var segments = SegmentCalculator.Calculate(text);
        var lint = ContentLint.Check(text);
        return new MessagePreview(
            segments.Encoding,
            segments.Characters,
            segments.Segments,
            segments.NonGsmCharacters,
            lint.Blocked,
            lint.Warnings,
            SmartCharacters.HasReplaceable(text));
    }
}

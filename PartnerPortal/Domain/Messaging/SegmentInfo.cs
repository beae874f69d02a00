namespace PartnerPortal.Domain.Messaging;

/// <summary>How a text will be encoded and billed (one segment is one credit).</summary>
/// <param name="Encoding"><see cref="SegmentCalculator.Gsm7"/> or <see cref="SegmentCalculator.Ucs2"/>.</param>
/// <param name="Characters">Units the segment limits count: GSM-7 septets (<c>€</c> is 2) or UTF-16 code units (a non-BMP emoji is 2).</param>
/// <param name="Segments">Number of SMS segments; 0 for empty text.</param>
/// <param name="NonGsmCharacters">The distinct characters that force UCS-2, in order of first appearance (a surrogate pair is one entry); empty for GSM-7.</param>
/// <param name="IsUnicode"><see langword="true"/> when <paramref name="Encoding"/> is UCS-2.</param>
public sealed record SegmentInfo(
    string Encoding,
    int Characters,
    int Segments,
    IReadOnlyList<string> NonGsmCharacters,
    bool IsUnicode);

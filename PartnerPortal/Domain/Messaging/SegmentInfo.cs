namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// How a text will be encoded and billed: the encoding, its length in that encoding and the
/// number of SMS segments (one segment is one credit).
/// </summary>
/// <param name="Encoding"><c>"GSM-7"</c> or <c>"UCS-2"</c> (see <see cref="SegmentCalculator.Gsm7"/> and
/// <see cref="SegmentCalculator.Ucs2"/>).</param>
/// <param name="Characters">The length that counts against the segment limits: septets for GSM-7
/// (an extension character such as <c>€</c> counts 2), UTF-16 code units for UCS-2 (an emoji
/// outside the Basic Multilingual Plane counts 2, a combining mark counts 1).</param>
/// <param name="Segments">Number of SMS segments; 0 for empty text.</param>
/// <param name="NonGsmCharacters">The distinct characters that force UCS-2, in order of first
/// appearance; a surrogate pair (e.g. an emoji) stays one entry. Empty for GSM-7.</param>
/// <param name="IsUnicode"><see langword="true"/> when <paramref name="Encoding"/> is UCS-2.</param>
public sealed record SegmentInfo(
    string Encoding,
    int Characters,
    int Segments,
    IReadOnlyList<string> NonGsmCharacters,
    bool IsUnicode);

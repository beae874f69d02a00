using System.Text;

namespace PartnerPortal.Domain.Delivery;

/// <summary>A recognised inbound keyword: what it does and the keyword as normalised (e.g. <c>OPT OUT</c>).</summary>
public sealed record InboundKeyword(InboundAction Action, string? Keyword)
{
    public static readonly InboundKeyword None = new(InboundAction.None, null);
}

/// <summary>
/// The inbound keywords of DESIGN §4, matched on the whole text, case-insensitive, trimmed, punctuation
/// ignored: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT, "OPT OUT" opt out; START, YES,
/// UNSTOP opt back in; HELP, INFO ask for the practice's name and phone.
/// </summary>
public static class InboundKeywords
{
    public static readonly IReadOnlyList<string> OptOut = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT"];
    public static readonly IReadOnlyList<string> OptIn = ["START", "YES", "UNSTOP"];
    public static readonly IReadOnlyList<string> Help = ["HELP", "INFO"];

    public static InboundKeyword Parse(string? text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return InboundKeyword.None;
        }

        if (OptOut.Contains(normalized))
        {
            return new InboundKeyword(InboundAction.OptOut, normalized);
        }

        if (OptIn.Contains(normalized))
        {
            return new InboundKeyword(InboundAction.OptIn, normalized);
        }

        return Help.Contains(normalized) ? new InboundKeyword(InboundAction.Help, normalized) : InboundKeyword.None;
    }

    /// <summary>Upper case, punctuation and symbols removed, runs of white space as one space, trimmed.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
            }
            else if (char.IsLetterOrDigit(c))
            {
                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }

                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }
}

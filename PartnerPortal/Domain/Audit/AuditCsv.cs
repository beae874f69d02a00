using System.Globalization;
using System.Text;

namespace PartnerPortal.Domain.Audit;

/// <summary>
/// The Audit Log's CSV (RFC 4180, CRLF lines). Cells that a spreadsheet would run as a formula
/// (starting with <c>= + - @</c>, a tab or a carriage return) get a leading single quote.
/// </summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "Id", "Occurred At (UTC)", "Actor Kind", "Actor Id", "Actor", "Partner", "Account", "Action", "Entity",
        "Entity Id", "Summary", "Changes", "IP Address",
    ];

    /// <summary>One cell, neutralised against formula injection and quoted when it must be.</summary>
    public static string Cell(string? value) => Common.Csv.Cell(value);

    public static string Row(IEnumerable<string?> cells) => Common.Csv.Row(cells);

    public static string Row(AuditEntrySummary entry) => Row(
    [
        entry.Id.ToString(CultureInfo.InvariantCulture),
        entry.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        entry.ActorKind.ToString(),
        entry.ActorId,
        entry.ActorName,
        entry.PartnerName,
        entry.AccountName,
        entry.Action,
        entry.EntityType,
        entry.EntityId,
        entry.Summary,
        FormatChanges(entry.Changes),
        entry.IpAddress,
    ]);

    /// <summary>"Field: before → after" per change, separated by "; ". An absent value shows as "(empty)".</summary>
    public static string FormatChanges(IReadOnlyList<FieldChange> changes)
    {
        if (changes.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var change in changes)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(change.Field).Append(": ").Append(Show(change.Before)).Append(" → ").Append(Show(change.After));
        }

        return text.ToString();
    }

    private static string Show(string? value) => string.IsNullOrEmpty(value) ? "(empty)" : value;
}

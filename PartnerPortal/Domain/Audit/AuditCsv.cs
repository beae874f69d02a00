using System.Globalization;
using System.Text;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Audit;

/// <summary>The Audit Log export's columns, one entry per row, written with <see cref="Csv"/>.</summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "Id", "Occurred At (UTC)", "Actor Kind", "Actor Id", "Actor", "Partner", "Account", "Action", "Entity",
        "Entity Id", "Summary", "Changes", "IP Address",
    ];

    public static string Row(AuditEntrySummary entry) => Csv.Row(
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

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Audit;

/// <summary>The Audit Log's filter as a query (tenant scope first), and as words for the export's own audit entry.</summary>
internal static class AuditFiltering
{
    public const string LikeEscape = "\\";

    // An entry is stamped when it is added and numbered when it is saved, moments later; entries more than
    // this far apart in time are therefore numbered in time order.
    private static readonly TimeSpan ClockDisorderMargin = TimeSpan.FromMinutes(10);

    public static string ContainsPattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    public static async Task<IQueryable<AuditEntry>> FilteredAsync(ApplicationDbContext db, Actor actor, AuditFilter filter, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking().VisibleTo(actor);
        if (filter.PartnerId is { } partnerId && (actor.IsOperator || actor.IsSystem))
        {
            entries = entries.Where(e => e.PartnerId == partnerId);
        }

        if (filter.From is { } from)
        {
            var fromUtc = DateTime.SpecifyKind(from, DateTimeKind.Utc);
            entries = entries.Where(e => e.OccurredAt >= fromUtc);
            // Ids grow with time, so the date range is also an id range, which every (filter, Id) index serves.
            // The entry last written before (from - margin) bounds it from below; the exact date test stays.
            var below = fromUtc - ClockDisorderMargin;
            var lastBefore = await db.AuditEntries.AsNoTracking().Where(e => e.OccurredAt < below)
                .OrderByDescending(e => e.OccurredAt).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
            if (lastBefore is { } lowerExclusive)
            {
                entries = entries.Where(e => e.Id > lowerExclusive);
            }
        }

        if (filter.To is { } to)
        {
            var toUtc = DateTime.SpecifyKind(to, DateTimeKind.Utc);
            entries = entries.Where(e => e.OccurredAt < toUtc);
            var above = toUtc + ClockDisorderMargin;
            var firstAfter = await db.AuditEntries.AsNoTracking().Where(e => e.OccurredAt >= above)
                .OrderBy(e => e.OccurredAt).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
            if (firstAfter is { } upperExclusive)
            {
                entries = entries.Where(e => e.Id < upperExclusive);
            }
        }

        if (filter.AccountId is { } accountId)
        {
            entries = entries.Where(e => e.AccountId == accountId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            entries = entries.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            var entityType = filter.EntityType.Trim();
            entries = entries.Where(e => e.EntityType == entityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var text = filter.Actor.Trim();
            var pattern = ContainsPattern(text.ToLowerInvariant());
            // An exact actor id, or a user whose e-mail or name contains the text, or an entry whose recorded actor name does.
            var actorIds = await db.Users.AsNoTracking()
                .Where(u => EF.Functions.Like(u.Email!.ToLower(), pattern, LikeEscape) || EF.Functions.Like(u.DisplayName.ToLower(), pattern, LikeEscape))
                .Select(u => u.Id)
                .Take(50)
                .ToListAsync(cancellationToken);
            actorIds.Add(text);
            entries = entries.Where(e => actorIds.Contains(e.ActorId) || EF.Functions.Like(e.ActorName.ToLower(), pattern, LikeEscape));
        }

        return entries;
    }

    public static string Describe(AuditFilter filter)
    {
        var parts = new List<string>();
        if (filter.From is { } from)
        {
            parts.Add($"from {from:yyyy-MM-dd}");
        }

        if (filter.To is { } to)
        {
            parts.Add($"before {to:yyyy-MM-dd}");
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            parts.Add($"actor \"{filter.Actor.Trim()}\"");
        }

        if (filter.AccountId is { } accountId)
        {
            parts.Add($"account #{accountId}");
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            parts.Add($"action {filter.Action.Trim()}");
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            parts.Add($"entity {filter.EntityType.Trim()}");
        }

        if (filter.PartnerId is { } partnerId)
        {
            parts.Add($"partner #{partnerId}");
        }

        return parts.Count == 0 ? "all entries" : string.Join(", ", parts);
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Audit;

/// <summary>
/// Reads the audit trail for the Audit Log page, the Home page and the CSV export, scoped to the actor
/// (<see cref="AuditScope"/>). Pages are keyset-paged on the entry id, newest first, so a deep page
/// costs the same as the first; every filter has an index (see AuditEntryConfiguration), and counts
/// stop at <see cref="CountCap"/>.
/// </summary>
public sealed class AuditQueryService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    public const int CountCap = 10_000;
    private const int ExportBatchSize = 1_000;
    private const int MaxFilterOptions = 500;

    private static readonly JsonSerializerOptions ChangesJson = new(JsonSerializerDefaults.Web);

    /// <summary>One page of the entries that match <paramref name="filter"/>, newest first.</summary>
    public async Task<AuditPage> GetPageAsync(AuditFilter filter, AuditPageRequest request, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!AuditScope.CanRead(actor))
        {
            return AuditPage.Empty;
        }

        var size = Math.Clamp(request.PageSize, 1, AuditPageRequest.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await AuditFiltering.FilteredAsync(db, actor, filter, cancellationToken);

        if (request.NewerThan is { } newerThan)
        {
            var newer = await Project(entries.Where(e => e.Id > newerThan).OrderBy(e => e.Id).Take(size + 1))
                .ToListAsync(cancellationToken);
            if (newer.Count <= size)
            {
                // Nothing newer beyond this page: show the newest page, full.
                return await GetPageAsync(filter, request with { NewerThan = null, OlderThan = null }, cancellationToken);
            }

            newer.RemoveAt(newer.Count - 1);
            newer.Reverse();
            return new AuditPage(await ToSummariesAsync(db, newer, cancellationToken), HasOlder: true, HasNewer: true);
        }

        if (request.OlderThan is { } olderThan)
        {
            entries = entries.Where(e => e.Id < olderThan);
        }

        var rows = await Project(entries.OrderByDescending(e => e.Id).Take(size + 1)).ToListAsync(cancellationToken);
        var hasOlder = rows.Count > size;
        if (hasOlder)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new AuditPage(await ToSummariesAsync(db, rows, cancellationToken), hasOlder, HasNewer: request.OlderThan is not null);
    }

    /// <summary>How many entries match, counted up to <see cref="CountCap"/> (then shown as "10,000+").</summary>
    public async Task<AuditCount> CountAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!AuditScope.CanRead(actor))
        {
            return new AuditCount(0, false);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await AuditFiltering.FilteredAsync(db, actor, filter, cancellationToken);
        var count = await entries.Select(e => e.Id).Take(CountCap + 1).CountAsync(cancellationToken);
        return count > CountCap ? new AuditCount(CountCap, true) : new AuditCount(count, false);
    }

    /// <summary>The latest entries of the actor's scope (Home "Recent activity"); none for practice staff.</summary>
    public async Task<IReadOnlyList<AuditEntrySummary>> GetRecentAsync(int count, CancellationToken cancellationToken) =>
        (await GetPageAsync(AuditFilter.None, new AuditPageRequest(count), cancellationToken)).Entries;

    /// <summary>The distinct actions and entity types in the trail, read by skipping through their indexes.</summary>
    public async Task<AuditFilterOptions> GetFilterOptionsAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!AuditScope.CanRead(actor))
        {
            return AuditFilterOptions.None;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        IReadOnlyList<AuditPartnerOption> partners = actor.IsOperator || actor.IsSystem
            ? await db.Partners.AsNoTracking().OrderBy(p => p.DisplayName).Select(p => new AuditPartnerOption(p.Id, p.DisplayName)).ToListAsync(cancellationToken)
            : [];
        return new AuditFilterOptions(
            await DistinctValuesAsync(db, nameof(AuditEntry.Action), cancellationToken),
            await DistinctValuesAsync(db, nameof(AuditEntry.EntityType), cancellationToken),
            partners);
    }

    /// <summary>Accounts in scope whose name or accountId contains <paramref name="text"/> (at most 20), for the account filter.</summary>
    public async Task<IReadOnlyList<AuditAccountOption>> SearchAccountsAsync(string? text, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!AuditScope.CanRead(actor))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = db.Accounts.AsNoTracking().VisibleTo(actor);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = AuditFiltering.ContainsPattern(text.Trim().ToLowerInvariant());
            accounts = accounts.Where(a => EF.Functions.Like(a.BusinessName.ToLower(), pattern, AuditFiltering.LikeEscape) || EF.Functions.Like(a.ExternalId.ToLower(), pattern, AuditFiltering.LikeEscape));
        }

        return await accounts.OrderBy(a => a.BusinessName).ThenBy(a => a.Id).Take(20)
            .Select(a => new AuditAccountOption(a.Id, a.ExternalId, a.BusinessName))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the entries that match <paramref name="filter"/> as CSV (newest first), reading in keyset
    /// batches so a large export holds no long read. The export itself is recorded in the trail.
    /// </summary>
    public async Task<Result> ExportCsvAsync(AuditFilter filter, TextWriter writer, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!AuditScope.CanRead(actor))
        {
            return Result.Fail(new Error("Only partner admins, support agents and operators can read the audit log."));
        }

        // The export is recorded first (an attempt counts); the file holds the entries before it.
        long? olderThan;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var exported = auditLog.Add(db, actor, new AuditRecord("audit_log.exported", "AuditLog", null, $"Audit log exported as CSV ({AuditFiltering.Describe(filter)})"));
            await auditLog.SaveChangesAsync(db, cancellationToken);
            olderThan = exported.Id;
        }

        await writer.WriteAsync(Csv.Row(AuditCsv.Header));
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var entries = await AuditFiltering.FilteredAsync(db, actor, filter, cancellationToken);
            if (olderThan is { } cursor)
            {
                entries = entries.Where(e => e.Id < cursor);
            }

            var rows = await Project(entries.OrderByDescending(e => e.Id).Take(ExportBatchSize)).ToListAsync(cancellationToken);
            foreach (var summary in await ToSummariesAsync(db, rows, cancellationToken))
            {
                await writer.WriteAsync(AuditCsv.Row(summary));
            }

            if (rows.Count < ExportBatchSize)
            {
                await writer.FlushAsync(cancellationToken);
                return Result.Ok();
            }

            olderThan = rows[^1].Id;
            await writer.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Runs the hash-chain check over the whole trail (Operators and partner admins).</summary>
    public async Task<Result<AuditIntegrityReport>> VerifyIntegrityAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!AuditScope.CanVerify(actor))
        {
            return new Error("Only partner admins and operators can verify the audit trail.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var verification = await AuditLog.VerifyAsync(db, cancellationToken);
        AuditEntrySummary? broken = null;
        if (verification.FirstBrokenEntryId is { } brokenId)
        {
            var rows = await Project(db.AuditEntries.AsNoTracking().VisibleTo(actor).Where(e => e.Id == brokenId)).ToListAsync(cancellationToken);
            broken = (await ToSummariesAsync(db, rows, cancellationToken)).FirstOrDefault();
        }

        // The number of entries is system-wide: only the vendor's own staff see it.
        var checkedCount = actor.IsOperator || actor.IsSystem ? verification.EntriesChecked : (long?)null;
        return Result<AuditIntegrityReport>.Ok(new AuditIntegrityReport(
            verification.IsIntact, checkedCount, verification.FirstBrokenEntryId, verification.Problem, broken, time.GetUtcNow().UtcDateTime));
    }

    private sealed record EntryRow(
        long Id, DateTime OccurredAt, ActorKind ActorKind, string ActorId, string ActorName, int? PartnerId, int? AccountId,
        string Action, string EntityType, string? EntityId, string Summary, string? ChangesJson, string? IpAddress);

    private static IQueryable<EntryRow> Project(IQueryable<AuditEntry> entries) => entries.Select(e => new EntryRow(
        e.Id, e.OccurredAt, e.ActorKind, e.ActorId, e.ActorName, e.PartnerId, e.AccountId,
        e.Action, e.EntityType, e.EntityId, e.Summary, e.ChangesJson, e.IpAddress));

    private static async Task<IReadOnlyList<AuditEntrySummary>> ToSummariesAsync(ApplicationDbContext db, IReadOnlyList<EntryRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var accountIds = rows.Where(r => r.AccountId is not null).Select(r => r.AccountId!.Value).Distinct().ToList();
        var partnerIds = rows.Where(r => r.PartnerId is not null).Select(r => r.PartnerId!.Value).Distinct().ToList();
        var accounts = accountIds.Count == 0
            ? new Dictionary<int, string>()
            : await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.BusinessName, cancellationToken);
        var partners = partnerIds.Count == 0
            ? new Dictionary<int, string>()
            : await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);

        return rows.Select(r => new AuditEntrySummary(
            r.Id, DateTime.SpecifyKind(r.OccurredAt, DateTimeKind.Utc), r.ActorKind, r.ActorId, r.ActorName,
            r.PartnerId, r.PartnerId is { } p ? partners.GetValueOrDefault(p) : null,
            r.AccountId, r.AccountId is { } a ? accounts.GetValueOrDefault(a) : null,
            r.Action, r.EntityType, r.EntityId, r.Summary, r.IpAddress, ParseChanges(r.ChangesJson))).ToList();
    }

    /// <summary>The field changes stored with an entry; an unreadable value yields none rather than failing the page.</summary>
    public static IReadOnlyList<FieldChange> ParseChanges(string? changesJson)
    {
        if (string.IsNullOrWhiteSpace(changesJson))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<FieldChange>>(changesJson, ChangesJson) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    // A "loose index scan": each step seeks the next larger value in the column's index, so the cost is
    // one seek per distinct value, not a pass over a million entries. Works on SQLite and PostgreSQL.
    private static async Task<IReadOnlyList<string>> DistinctValuesAsync(ApplicationDbContext db, string column, CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH RECURSIVE "d"("Value") AS (
                SELECT MIN("{column}") FROM "AuditEntries"
                UNION ALL
                SELECT (SELECT MIN("{column}") FROM "AuditEntries" WHERE "{column}" > "d"."Value") FROM "d" WHERE "d"."Value" IS NOT NULL
            )
            SELECT "Value" FROM "d" WHERE "Value" IS NOT NULL LIMIT {MaxFilterOptions}
            """;
        return await db.Database.SqlQueryRaw<string>(sql).ToListAsync(cancellationToken);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Audit;

/// <summary>What a mutation records about itself. Summaries and changes never carry message content or PHI.</summary>
public sealed record AuditRecord(
    string Action,
    string EntityType,
    string? EntityId,
    string Summary,
    int? PartnerId = null,
    int? AccountId = null,
    IReadOnlyList<FieldChange>? Changes = null);

public sealed record ChainVerification(bool IsIntact, long EntriesChecked, long? FirstBrokenEntryId, string? Problem);

/// <summary>
/// The audit trail. Every mutation adds its entry to the same DbContext and saves through
/// <see cref="SaveChangesAsync"/> (or <see cref="InTransactionAsync"/>), so the change and its entry
/// commit together and each entry is chained (SHA-256) to the one before it.
/// </summary>
public sealed class AuditLog(TimeProvider time)
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";
    private const long ChainLockKey = 0x41554449544c4f47; // "AUDITLOG"

    // One writer of the chain at a time in this process; across instances an advisory lock (PostgreSQL).
    private static readonly SemaphoreSlim ChainLock = new(1, 1);

    private static readonly JsonSerializerOptions ChangesJson = new(JsonSerializerDefaults.Web);

    // True inside the work of InTransactionAsync, which holds the chain: AppendAsync refuses to run elsewhere.
    private static readonly AsyncLocal<bool> HoldsChain = new();

    /// <summary>Adds an entry to <paramref name="db"/>; it is hashed and written by the next save through this log.</summary>
    public AuditEntry Add(ApplicationDbContext db, Actor actor, AuditRecord record)
    {
        var entry = Create(actor, record);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Column sizes of AuditEntryConfiguration: PostgreSQL refuses a longer value (a long URL in a summary), so it is cut here.</summary>
    public const int MaxSummaryLength = 1000;
    public const int MaxActorNameLength = 256;

    private static string Fit(string value, int max) => value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");

    /// <summary>An entry for <see cref="AppendAsync"/>: not added to any context.</summary>
    public AuditEntry Create(Actor actor, AuditRecord record) =>
        new()
        {
            OccurredAt = TruncateToMicroseconds(time.GetUtcNow().UtcDateTime),
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = Fit(actor.DisplayName, MaxActorNameLength),
            PartnerId = record.PartnerId ?? actor.PartnerId,
            AccountId = record.AccountId ?? actor.AccountId,
            Action = record.Action,
            EntityType = record.EntityType,
            EntityId = record.EntityId,
            Summary = Fit(record.Summary, MaxSummaryLength),
            ChangesJson = record.Changes is { Count: > 0 } ? JsonSerializer.Serialize(record.Changes, ChangesJson) : null,
            IpAddress = actor.IpAddress,
            PreviousHash = "",
            Hash = "",
        };

    /// <summary>
    /// Chains <paramref name="entries"/> (made by <see cref="Create"/>) and inserts them with one prepared statement;
    /// only inside the work of <see cref="InTransactionAsync"/>, which holds the chain. For many entries at once.
    /// </summary>
    public static async Task AppendAsync(ApplicationDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (!HoldsChain.Value || db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("AuditLog.AppendAsync runs inside the work of InTransactionAsync, which holds the chain.");
        }

        await ChainAsync(db, entries, cancellationToken);
        await RowInserter.InsertAsync(db, entries, cancellationToken);
    }

    /// <summary>Saves the pending changes and their audit entries in one transaction.</summary>
    public async Task<int> SaveChangesAsync(ApplicationDbContext db, CancellationToken cancellationToken)
    {
        await ChainLock.WaitAsync(cancellationToken);
        try
        {
            if (db.Database.CurrentTransaction is not null)
            {
                await ChainPendingAsync(db, cancellationToken);
                return await db.SaveChangesAsync(cancellationToken);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ChainPendingAsync(db, cancellationToken);
            var written = await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            ChainLock.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> (set-based updates, several saves) and the audit entries it added
    /// in one transaction, holding the chain for the whole of it.
    /// </summary>
    public async Task InTransactionAsync(ApplicationDbContext db, Func<Task> work, CancellationToken cancellationToken)
    {
        await ChainLock.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            HoldsChain.Value = true;
            await work();
            await ChainPendingAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            HoldsChain.Value = false;
            ChainLock.Release();
        }
    }

    /// <summary>Walks the whole chain in order and reports the first entry whose link or content does not match.</summary>
    public static async Task<ChainVerification> VerifyAsync(ApplicationDbContext db, CancellationToken cancellationToken)
    {
        var previous = GenesisHash;
        long checkedCount = 0;
        long lastId = 0;
        const int batch = 5000;
        while (true)
        {
            var entries = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Id > lastId)
                .OrderBy(e => e.Id)
                .Take(batch)
                .ToListAsync(cancellationToken);
            if (entries.Count == 0)
            {
                return new ChainVerification(true, checkedCount, null, null);
            }

            foreach (var entry in entries)
            {
                if (entry.PreviousHash != previous)
                {
                    return new ChainVerification(false, checkedCount, entry.Id,
                        $"Entry {entry.Id} does not follow the entry before it: an entry was removed or inserted.");
                }

                if (ComputeHash(entry) != entry.Hash)
                {
                    return new ChainVerification(false, checkedCount, entry.Id,
                        $"Entry {entry.Id} was changed after it was written.");
                }

                previous = entry.Hash;
                lastId = entry.Id;
                checkedCount++;
            }
        }
    }

    private static Task ChainPendingAsync(ApplicationDbContext db, CancellationToken cancellationToken) =>
        ChainAsync(db, db.ChangeTracker.Entries<AuditEntry>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToList(), cancellationToken);

    private static async Task ChainAsync(ApplicationDbContext db, IReadOnlyList<AuditEntry> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        if (db.Database.ProviderName == NpgsqlProvider)
        {
            // Several app instances share one PostgreSQL: one chain writer at a time, until this transaction ends.
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
        }

        var previous = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Id)
            .Select(e => e.Hash)
            .FirstOrDefaultAsync(cancellationToken) ?? GenesisHash;
        foreach (var entry in pending)
        {
            entry.PreviousHash = previous;
            entry.Hash = ComputeHash(entry);
            previous = entry.Hash;
        }
    }

    /// <summary>SHA-256 over the previous hash and the entry's canonical content (every field but Id and Hash).</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        var canonical = string.Join('\u001f',
            entry.PreviousHash,
            entry.OccurredAt.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            entry.ActorKind.ToString(),
            entry.ActorId,
            entry.ActorName,
            entry.PartnerId?.ToString() ?? "",
            entry.AccountId?.ToString() ?? "",
            entry.Action,
            entry.EntityType,
            entry.EntityId ?? "",
            entry.Summary,
            entry.ChangesJson ?? "",
            entry.IpAddress ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    // Every supported database keeps microseconds; the hash must survive the round trip.
    private static DateTime TruncateToMicroseconds(DateTime value) =>
        new(value.Ticks - value.Ticks % 10, DateTimeKind.Utc);

    /// <summary>Field changes between two snapshots of the same shape (only fields whose value differs).</summary>
    public static IReadOnlyList<FieldChange> Diff(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        after.Where(pair => !string.Equals(before.GetValueOrDefault(pair.Key), pair.Value, StringComparison.Ordinal))
            .Select(pair => new FieldChange(pair.Key, before.GetValueOrDefault(pair.Key), pair.Value))
            .ToList();
}

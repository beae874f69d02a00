using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Bench;

/// <summary>
/// The Audit Log benchmark of issue 8: 1,000,000 chained audit entries (20 partners, one with 30%
/// of them; 500 accounts; 31 actions, one rare) over two years in a fresh SQLite file, then the
/// median time of the Audit Log queries through the real <see cref="AuditQueryService"/>.
/// <code>
///     dotnet run -c Release --project bench/PartnerPortal.Bench -- audit [--entries 1000000] [--runs 21] [--db path] [--verify]
/// </code>
/// Wire it from Program.cs with: <c>if (args is ["audit", ..]) return await AuditBench.RunAsync(args[1..]);</c>
/// </summary>
public static class AuditBench
{
    private const int Partners = 20;
    private const int BigPartnerId = 1;
    private const int SmallPartnerId = 7;
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<int> RunAsync(string[] args)
    {
        var entries = IntOption(args, "--entries", 1_000_000);
        var runs = IntOption(args, "--runs", 21);
        var path = Path.GetFullPath(TextOption(args, "--db") ?? Path.Combine(Path.GetTempPath(), "partnerportal-audit-bench.db"));
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        var identity = new ServiceCollection()
            .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
            .BuildServiceProvider();
        var options = new DbContextOptionsBuilder<ApplicationDbContext>()
            .UsePortalSqlite($"Data Source={path}")
            .UseApplicationServiceProvider(identity)
            .Options;
        var factory = new Factory(options);

        var seedClock = Stopwatch.StartNew();
        var span = await SeedAsync(factory, path, entries);
        Console.WriteLine($"Seeded {entries:N0} audit entries over {span.TotalDays:N0} days in {seedClock.Elapsed.TotalSeconds:N1} s ({path}).");

        var actor = new SettableActor();
        var service = new AuditQueryService(factory, actor, new AuditLog(TimeProvider.System), TimeProvider.System);
        var middle = entries / 2;
        var oldMonth = Start.AddMonths(1);
        var recentMonth = Start.Add(span).AddMonths(-1);
        (string Name, Func<Task<int>> Run)[] cases =
        [
            ("first page", () => Page(service, AuditFilter.None)),
            ("deep page (older than the middle id)", () => Page(service, AuditFilter.None, new AuditPageRequest(OlderThan: middle))),
            ("newer than the middle id", () => Page(service, AuditFilter.None, new AuditPageRequest(NewerThan: middle))),
            ("count (capped at 10,000)", async () => (await service.CountAsync(AuditFilter.None, default)).Count),
            ("action, common", () => Page(service, new AuditFilter(Action: "area1.action1"))),
            ("action, rare (1 in 1,000)", () => Page(service, new AuditFilter(Action: "rare.action"))),
            ("action, rare, deep", () => Page(service, new AuditFilter(Action: "rare.action"), new AuditPageRequest(OlderThan: middle))),
            ("count, rare action", async () => (await service.CountAsync(new AuditFilter(Action: "rare.action"), default)).Count),
            ("entity", () => Page(service, new AuditFilter(EntityType: "Entity3"))),
            ("account", () => Page(service, new AuditFilter(AccountId: 21))),
            ("count, account", async () => (await service.CountAsync(new AuditFilter(AccountId: 21), default)).Count),
            ("actor id", () => Page(service, new AuditFilter(Actor: "user-15"))),
            ("actor name contains", () => Page(service, new AuditFilter(Actor: "Number 15"))),
            ("actor name matching nothing (scan)", () => Page(service, new AuditFilter(Actor: "Nobody"))),
            ("date: a recent month", () => Page(service, new AuditFilter(From: recentMonth, To: recentMonth.AddMonths(1)))),
            ("date: an old month", () => Page(service, new AuditFilter(From: oldMonth, To: oldMonth.AddMonths(1)))),
            ("date: from an old day on", () => Page(service, new AuditFilter(From: oldMonth))),
            ("date: up to an old day", () => Page(service, new AuditFilter(To: oldMonth))),
            ("date: old month + common action", () => Page(service, new AuditFilter(From: oldMonth, To: oldMonth.AddMonths(1), Action: "area2.action3"))),
            ("count, old month", async () => (await service.CountAsync(new AuditFilter(From: oldMonth, To: oldMonth.AddMonths(1)), default)).Count),
            ("filter lists (actions, entities)", async () => (await service.GetFilterOptionsAsync(default)).Actions.Count),
        ];

        foreach (var (scope, current) in new[]
        {
            ($"partner admin of partner {BigPartnerId} (30% of entries)", new Actor(ActorKind.User, "bench", "Bench", PortalRoles.PartnerAdmin, BigPartnerId, null)),
            ($"partner admin of partner {SmallPartnerId} (3.5% of entries)", new Actor(ActorKind.User, "bench", "Bench", PortalRoles.PartnerAdmin, SmallPartnerId, null)),
            ("operator (all partners)", new Actor(ActorKind.User, "bench", "Bench", PortalRoles.Operator, null, null)),
        })
        {
            actor.Current = current;
            Console.WriteLine();
            Console.WriteLine($"{scope}: median of {runs} runs");
            foreach (var (name, run) in cases)
            {
                await run();
                var times = new List<double>(runs);
                var rows = 0;
                for (var i = 0; i < runs; i++)
                {
                    var clock = Stopwatch.StartNew();
                    rows = await run();
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }

                times.Sort();
                Console.WriteLine($"  {name,-42} {times[times.Count / 2],8:N1} ms   ({rows:N0})");
            }
        }

        if (args.Contains("--verify"))
        {
            actor.Current = new Actor(ActorKind.User, "bench", "Bench", PortalRoles.Operator, null, null);
            var clock = Stopwatch.StartNew();
            var report = (await service.VerifyIntegrityAsync(default)).Value!;
            Console.WriteLine();
            Console.WriteLine($"Verify integrity: intact={report.IsIntact}, {report.EntriesChecked:N0} entries in {clock.Elapsed.TotalSeconds:N1} s");
        }

        return 0;
    }

    private static async Task<int> Page(AuditQueryService service, AuditFilter filter, AuditPageRequest? request = null) =>
        (await service.GetPageAsync(filter, request ?? AuditPageRequest.First, default)).Entries.Count;

    /// <summary>Raw inserts in batches, each entry hashed onto the chain exactly as <see cref="AuditLog"/> does. Deterministic.</summary>
    private static async Task<TimeSpan> SeedAsync(Factory factory, string path, int count)
    {
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.MigrateAsync();
            for (var p = 1; p <= Partners; p++)
            {
                db.Partners.Add(new Partner { Slug = $"partner-{p}", DisplayName = $"Partner {p}" });
            }

            await db.SaveChangesAsync();
            for (var a = 0; a < 500; a++)
            {
                db.Accounts.Add(new Account { PartnerId = a % Partners + 1, ExternalId = $"acc-{a}", BusinessName = $"Account {a}" });
            }

            await db.SaveChangesAsync();
        }

        var span = TimeSpan.FromDays(700);
        var step = span.Ticks / count;
        var random = new Random(42);
        var previous = AuditLog.GenesisHash;
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        for (var start = 0; start < count; start += 50_000)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO AuditEntries (OccurredAt, ActorKind, ActorId, ActorName, PartnerId, AccountId, Action, EntityType, EntityId, Summary, ChangesJson, IpAddress, PreviousHash, Hash)
                VALUES ($at, $kind, $actorId, $actorName, $partner, $account, $action, $entity, $entityId, $summary, $changes, $ip, $previous, $hash)
                """;
            var parameters = new[] { "$at", "$kind", "$actorId", "$actorName", "$partner", "$account", "$action", "$entity", "$entityId", "$summary", "$changes", "$ip", "$previous", "$hash" }
                .Select(name => insert.Parameters.Add(new SqliteParameter(name, DBNull.Value))).ToArray();
            for (var i = start; i < Math.Min(count, start + 50_000); i++)
            {
                var partner = random.NextDouble() < 0.3 ? BigPartnerId : random.Next(2, Partners + 1);
                int? account = random.NextDouble() < 0.7 ? random.Next(0, 25) * Partners + partner : null;
                var actorNumber = random.Next(0, 10) + partner * 10;
                var ticks = Start.Ticks + step * i;
                var entry = new AuditEntry
                {
                    OccurredAt = new DateTime(ticks - ticks % 10, DateTimeKind.Utc),
                    ActorKind = ActorKind.User,
                    ActorId = $"user-{actorNumber}",
                    ActorName = $"User Number {actorNumber}",
                    PartnerId = partner,
                    AccountId = account,
                    Action = i % 1000 == 7 ? "rare.action" : $"area{random.Next(0, 6)}.action{random.Next(0, 5)}",
                    EntityType = $"Entity{random.Next(0, 8)}",
                    EntityId = random.Next(1, 100_000).ToString(CultureInfo.InvariantCulture),
                    Summary = $"Something happened {i}",
                    ChangesJson = i % 3 == 0 ? """[{"field":"City","before":"Columbus","after":"Dayton"}]""" : null,
                    IpAddress = "10.0.0.1",
                    PreviousHash = previous,
                    Hash = "",
                };
                entry.Hash = AuditLog.ComputeHash(entry);
                previous = entry.Hash;
                object?[] values =
                [
                    entry.OccurredAt, entry.ActorKind.ToString(), entry.ActorId, entry.ActorName, entry.PartnerId, entry.AccountId,
                    entry.Action, entry.EntityType, entry.EntityId, entry.Summary, entry.ChangesJson, entry.IpAddress, entry.PreviousHash, entry.Hash,
                ];
                for (var k = 0; k < values.Length; k++)
                {
                    parameters[k].Value = values[k] ?? DBNull.Value;
                }

                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        return span;
    }

    internal static int IntOption(string[] args, string name, int fallback) =>
        TextOption(args, name) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    internal static string? TextOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private sealed class Factory(DbContextOptions<ApplicationDbContext> options) : IDbContextFactory<ApplicationDbContext>
    {
        public ApplicationDbContext CreateDbContext() => new(options);
    }

    private sealed class SettableActor : ICurrentActor
    {
        public Actor Current { get; set; } = Actor.System("Bench");

        public ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Current);
    }
}

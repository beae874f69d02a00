// The Accounts benchmark of issue 3: 100,000 accounts over 100 partners (about 30% incomplete) in a
// fresh SQLite file, then the median time of the Accounts page queries through the real services.
//
//     dotnet run -c Release --project bench/PartnerPortal.Bench -- accounts [--runs 101] [--db path] [--sql]
//
// --sql prints the SQL EF Core sends (to check the plans); the database file is kept for inspection.

using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Bench;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Tenancy;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is ["audit", ..])
{
    return await AuditBench.RunAsync(args[1..]);
}

if (args is ["commit", ..])
{
    return await CommitBench.RunAsync(args[1..]);
}

if (args.Length == 0 || args[0] != "accounts")
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/PartnerPortal.Bench -- accounts [--runs N] [--db path]");
    Console.WriteLine("       dotnet run -c Release --project bench/PartnerPortal.Bench -- audit [--entries N] [--runs N] [--db path] [--verify]");
    Console.WriteLine("       dotnet run -c Release --project bench/PartnerPortal.Bench -- commit [--seconds N] [--writers N] [--db path]");
    return 2;
}

var runs = Option("--runs", 101);
var databasePath = Path.GetFullPath(OptionText("--db") ?? Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results", "accounts-bench.db"));
Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
foreach (var suffix in new[] { "", "-wal", "-shm" })
{
    File.Delete(databasePath + suffix);
}

var connectionString = $"Data Source={databasePath}";
var services = new ServiceCollection();
services.AddLogging();
// The Identity schema version shapes the model, as in AddPortalInfrastructure.
services.Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3);
services.AddDbContextFactory<ApplicationDbContext>(options =>
{
    options.UsePortalSqlite(connectionString);
    if (args.Contains("--sql"))
    {
        options.LogTo(Console.WriteLine, [DbLoggerCategory.Database.Command.Name], Microsoft.Extensions.Logging.LogLevel.Information);
    }
});
// The domain binds its options from configuration; the benchmark runs on their defaults.
services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
services.AddPortalDomain();
var actor = new BenchActor();
services.AddSingleton<ICurrentActor>(actor);
await using var provider = services.BuildServiceProvider();
await using var scope = provider.CreateAsyncScope();
var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
var partners = scope.ServiceProvider.GetRequiredService<PartnerService>();
var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();

// ---- Seed -------------------------------------------------------------------------------------
var seedClock = Stopwatch.StartNew();
await using (var db = await dbFactory.CreateDbContextAsync())
{
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    await db.Database.MigrateAsync();
}

var seeded = BenchData.Seed(connectionString, partnerCount: 100, accountsPerPartner: 1_000);
await RawSql.CheckpointAsync(connectionString); // as a running portal's database would be, long after the inserts
Console.WriteLine($"Seeded {seeded.Accounts:N0} accounts over {seeded.Partners} partners ({seeded.Incomplete:N0} incomplete, " +
                  $"{100.0 * seeded.Incomplete / seeded.Accounts:0.0}%) into {databasePath} in {seedClock.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine($"Each figure is the median of {runs} runs after at least 20 warm-up runs and 2 seconds.");
Console.WriteLine();

var system = Actor.System("Benchmark");
var partnerAdmin = new Actor(ActorKind.User, "bench-admin", "Bench Admin", PortalRoles.PartnerAdmin, BenchData.MeasuredPartnerId, null);
var incompleteByName = new AccountQuery(Filter: CompletenessFilter.Incomplete, Sort: AccountSort.Name, PageSize: 50);
var allByName = new AccountQuery(Sort: AccountSort.Name, PageSize: 50);

// ---- The page queries (all partners: the only scope with 1,000 pages) ------------------------------
actor.Current = system;
// Warm the whole path (JIT tiers, EF query cache, SQLite page cache) before the first figure is taken.
await Measure(runs, () => accounts.ListAsync(incompleteByName, default));
await Measure(runs, () => RawSql.FirstIncompletePageAsync(connectionString));
// The EF first page and the same query as hand-written SQL are timed alternately, so both see the same machine.
var (firstPage, rawFirstPage) = await MeasurePair(runs,
    () => accounts.ListAsync(incompleteByName, default),
    () => RawSql.FirstIncompletePageAsync(connectionString));
var efRawRatio = firstPage / rawFirstPage;
var incompleteTotal = (await accounts.ListAsync(incompleteByName, default)).TotalCount;
var lastIncompletePage = (incompleteTotal - 1) / 50;
var beforeLastIncomplete = (await accounts.ListAsync(incompleteByName with { Page = lastIncompletePage - 1 }, default)).Items[^1];
var lastIncompleteKeyset = await Measure(runs, () => accounts.ListAsync(incompleteByName with { Page = lastIncompletePage, After = beforeLastIncomplete }, default));
var lastIncompleteOffset = await Measure(runs, () => accounts.ListAsync(incompleteByName with { Page = lastIncompletePage }, default));

var allFirstPage = await Measure(runs, () => accounts.ListAsync(allByName, default));
var endOfPage999 = (await accounts.ListAsync(allByName with { Page = 998 }, default)).Items[^1];
var page1000Keyset = await Measure(runs, () => accounts.ListAsync(allByName with { Page = 999, After = endOfPage999 }, default));
var page1000Offset = await Measure(runs, () => accounts.ListAsync(allByName with { Page = 999 }, default));


// ---- One partner (1,000 accounts) as its admin ------------------------------------------------------
actor.Current = partnerAdmin;
var partnerFirstPage = await Measure(runs, () => accounts.ListAsync(incompleteByName, default));
var counts = await Measure(runs, () => accounts.GetCountsAsync(default));
var partnerCounts = await accounts.GetCountsAsync(default);

// ---- A business-details change that re-evaluates the partner's 1,000 accounts -----------------------
var details = (await partners.GetBusinessDetailsAsync(BenchData.MeasuredPartnerId, default)).Value!.ToUpdate();
var flippedPerRun = 0;
var reevaluation = await MeasureWithSetup(runs,
    setup: () => RawSql.BreakPartnerContactAsync(connectionString, BenchData.MeasuredPartnerId),
    operation: async () =>
    {
        var result = await partners.UpdateBusinessDetailsAsync(BenchData.MeasuredPartnerId, details with { ContactPhone = "(614) 555-0199" }, default);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.FirstError!.Message);
        }
    });
flippedPerRun = await RawSql.CompleteCountAsync(connectionString, BenchData.MeasuredPartnerId);
await using (var db = await dbFactory.CreateDbContextAsync())
{
    var chain = await AuditLog.VerifyAsync(db, default);
    if (!chain.IsIntact)
    {
        throw new InvalidOperationException(chain.Problem);
    }
}

// ---- Report ---------------------------------------------------------------------------------------
var rows = new List<(string Name, double Ms, string Target, bool? Met)>
{
    ("First page of 50 incomplete accounts by name (all partners)", firstPage, "≤ 10 ms", firstPage <= 10),
    ($"Last incomplete page ({lastIncompletePage + 1:N0} of {lastIncompletePage + 1:N0}), keyset", lastIncompleteKeyset, "≤ 2 × first page", lastIncompleteKeyset <= 2 * firstPage),
    ($"Last incomplete page ({lastIncompletePage + 1:N0}), OFFSET (page jump)", lastIncompleteOffset, "(for information)", null),
    ("First page of 50 of all accounts by name", allFirstPage, "≤ 10 ms", allFirstPage <= 10),
    ("Page 1,000 of all accounts by name, keyset (next page)", page1000Keyset, "≤ 2 × first page", page1000Keyset <= 2 * allFirstPage),
    ("Page 1,000 of all accounts by name, OFFSET (page jump)", page1000Offset, "(for information)", null),
    ("Same first incomplete page, hand-written SQL (Microsoft.Data.Sqlite)", rawFirstPage, "", null),
    ("EF / raw ratio for that page", efRawRatio, "≤ 1.5", efRawRatio <= 1.5),
    ($"First incomplete page of one partner ({partnerCounts.Total:N0} accounts), as its admin", partnerFirstPage, "≤ 10 ms", partnerFirstPage <= 10),
    ("Completeness counts for one partner", counts, "≤ 30 ms", counts <= 30),
    ($"Partner business-details change re-evaluating {partnerCounts.Total:N0} accounts ({flippedPerRun} flip)", reevaluation, "≤ 200 ms", reevaluation <= 200),
};

Console.WriteLine($"{"operation",-86} {"median",10}  {"target",-18} result");
foreach (var (name, ms, target, met) in rows)
{
    var value = name.StartsWith("EF / raw", StringComparison.Ordinal) ? $"{ms:0.00}" : $"{ms:0.00} ms";
    Console.WriteLine($"{name,-86} {value,10}  {target,-18} {(met is null ? "" : met.Value ? "met" : "MISSED")}");
}

return rows.All(r => r.Met != false) ? 0 : 1;

int Option(string name, int fallback) =>
    OptionText(name) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

string? OptionText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static async Task<(double First, double Second)> MeasurePair<T1, T2>(int runs, Func<Task<T1>> first, Func<Task<T2>> second)
{
    var warmUp = Stopwatch.StartNew();
    for (var i = 0; i < 20 || warmUp.Elapsed < TimeSpan.FromSeconds(2); i++)
    {
        await first();
        await second();
    }

    var (a, b) = (new List<double>(runs), new List<double>(runs));
    for (var i = 0; i < runs; i++)
    {
        // Alternate which one goes first, so neither always follows the other.
        if (i % 2 == 0)
        {
            a.Add(await Time(first));
            b.Add(await Time(second));
        }
        else
        {
            b.Add(await Time(second));
            a.Add(await Time(first));
        }
    }

    a.Sort();
    b.Sort();
    return (a[a.Count / 2], b[b.Count / 2]);

    static async Task<double> Time<T>(Func<Task<T>> operation)
    {
        var clock = Stopwatch.StartNew();
        await operation();
        return clock.Elapsed.TotalMilliseconds;
    }
}

static Task<double> Measure<T>(int runs, Func<Task<T>> operation) => MeasureWithSetup(runs, null, async () => await operation());

static async Task<double> MeasureWithSetup(int runs, Func<Task>? setup, Func<Task> operation)
{
    // Warm up for at least 20 runs and 2 seconds, so the JIT has tiered up the code paths measured.
    var warmUp = Stopwatch.StartNew();
    for (var i = 0; i < 20 || warmUp.Elapsed < TimeSpan.FromSeconds(2); i++)
    {
        if (setup is not null)
        {
            await setup();
        }

        await operation();
    }

    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        if (setup is not null)
        {
            await setup();
        }

        var clock = Stopwatch.StartNew();
        await operation();
        clock.Stop();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return times[times.Count / 2];
}

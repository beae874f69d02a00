// The Reports benchmark of issue 8: 1,000,000 messages (default) over 2 partners and 500 accounts,
// spread over the last 24 months, in a SQLite file; then the median time of ReportService.GetReportAsync
// (the Reports page's one query, through the real service) for typical filters.
//
//     dotnet run -c Release --project bench/PartnerPortal.Bench.Reports -- [--messages 1000000] [--runs 21] [--db path] [--reuse] [--sql] [--redact]
//
// --reuse keeps an existing database file with the same message count (seeding takes a while);
// --sql prints the report's SQL and SQLite's query plan for it;
// --redact then times the PHI Directive's daily redaction job over the same messages (first and next run).

using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Privacy;
using PartnerPortal.Domain.Reports;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Privacy;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var messageCount = Option("--messages", 1_000_000);
var runs = Option("--runs", 21);
var databasePath = Path.GetFullPath(OptionText("--db")
    ?? Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results", "reports-bench.db"));
Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);

var today = DateOnly.FromDateTime(DateTime.UtcNow);
var services = new ServiceCollection();
// The Identity schema version shapes the model, as in AddPortalInfrastructure.
services.Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3);
services.AddDbContextFactory<ApplicationDbContext>(options => options.UsePortalSqlite($"Data Source={databasePath}"));
await using var provider = services.BuildServiceProvider();
var dbFactory = provider.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();

if (!args.Contains("--reuse") || !await HasMessagesAsync(messageCount))
{
    SqliteConnection.ClearAllPools();
    foreach (var suffix in new[] { "", "-wal", "-shm" })
    {
        File.Delete(databasePath + suffix);
    }

    var seeding = Stopwatch.StartNew();
    await SeedAsync(messageCount);
    Console.WriteLine($"Seeded {messageCount:N0} messages in {seeding.Elapsed.TotalSeconds:0.0} s ({databasePath})");
}

int northwindId, contosoId, accountId;
await using (var db = await dbFactory.CreateDbContextAsync())
{
    northwindId = await db.Partners.Where(p => p.Slug == "bench-northwind").Select(p => p.Id).SingleAsync();
    contosoId = await db.Partners.Where(p => p.Slug == "bench-contoso").Select(p => p.Id).SingleAsync();
    accountId = await db.Accounts.Where(a => a.PartnerId == northwindId).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
}

var actor = new BenchActor();
var reports = new ReportService(dbFactory, actor);
var lastYear = ReportFilter.LastTwelveMonths(today);
var scenarios = new (string Name, Actor Actor, ReportFilter Filter)[]
{
    ("PartnerAdmin, all accounts, last 12 months", PartnerAdmin(northwindId), lastYear),
    ("PartnerAdmin, one account, last 12 months", PartnerAdmin(northwindId), lastYear with { AccountId = accountId }),
    ("PartnerAdmin, all accounts, last month", PartnerAdmin(northwindId), lastYear with { From = today.AddMonths(-1) }),
    ("Operator, all partners, last 12 months", Operator(), lastYear),
    ("Operator, one partner (small), last 12 months", Operator(), lastYear with { PartnerId = contosoId }),
};

if (args.Contains("--sql"))
{
    await using var db = await dbFactory.CreateDbContextAsync();
    var sql = ReportService.FiguresQuery(db, db.Accounts.VisibleTo(PartnerAdmin(northwindId)), lastYear).ToQueryString();
    Console.WriteLine(sql);
    Console.WriteLine();
    var connection = db.Database.GetDbConnection();
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    // ToQueryString() lists the parameters as ".param set @name value" lines: inline them for EXPLAIN.
    var lines = sql.Split('\n');
    var statement = string.Join('\n', lines.Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
    foreach (var parameter in lines.Where(line => line.StartsWith(".param set ", StringComparison.Ordinal))
                 .Select(line => line[".param set ".Length..].Split(' ', 2))
                 .OrderByDescending(parts => parts[0].Length))
    {
        statement = statement.Replace(parameter[0], parameter[1].Trim());
    }

    command.CommandText = "EXPLAIN QUERY PLAN " + statement;
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        Console.WriteLine($"  plan: {reader.GetString(3)}");
    }

    Console.WriteLine();
}

Console.WriteLine($"Reports over {messageCount:N0} messages, median of {runs} runs (first run discarded):");
foreach (var (name, scenarioActor, filter) in scenarios)
{
    actor.Current = scenarioActor;
    var first = await reports.GetReportAsync(filter, CancellationToken.None);
    if (!first.Succeeded)
    {
        throw new InvalidOperationException(first.FirstError!.Message);
    }

    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await reports.GetReportAsync(filter, CancellationToken.None);
        stopwatch.Stop();
        times.Add(stopwatch.Elapsed.TotalMilliseconds);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.FirstError!.Message);
        }
    }

    times.Sort();
    Console.WriteLine($"  {name,-48} median {times[times.Count / 2],7:0.0} ms   (rows {first.Value!.Rows.Count:N0}, messages sent {first.Value.Total.MessagesSent:N0})");
}

if (args.Contains("--redact"))
{
    // The PHI Directive's first daily run over this history (default 90 days): most messages are past it.
    // It changes the file (content only), so the report figures above stay the same on a --reuse run.
    var job = new ContentRedactionJob(dbFactory, new AuditLog(TimeProvider.System), TimeProvider.System,
        Options.Create(new PrivacyOptions()), NullLogger<ContentRedactionJob>.Instance);
    var stopwatch = Stopwatch.StartNew();
    var redactions = await job.RunOnceAsync(DateTime.UtcNow);
    Console.WriteLine($"Content redaction: {redactions.Sum(r => r.Redacted):N0} messages redacted in {stopwatch.Elapsed.TotalSeconds:0.0} s " +
        $"({redactions.Count} partners, one UPDATE and one audit entry each)");
    stopwatch.Restart();
    redactions = await job.RunOnceAsync(DateTime.UtcNow);
    Console.WriteLine($"Content redaction, next run: {redactions.Sum(r => r.Redacted):N0} messages redacted in {stopwatch.Elapsed.TotalMilliseconds:0} ms");
}

return 0;

async Task<bool> HasMessagesAsync(int expected)
{
    if (!File.Exists(databasePath))
    {
        return false;
    }

    await using var db = await dbFactory.CreateDbContextAsync();
    return !(await db.Database.GetPendingMigrationsAsync()).Any() && await db.Messages.CountAsync() == expected;
}

async Task SeedAsync(int count)
{
    await using var db = await dbFactory.CreateDbContextAsync();
    await db.Database.MigrateAsync();
    var now = DateTime.UtcNow;
    var northwind = new Partner { Slug = "bench-northwind", DisplayName = "Bench Northwind" };
    var contoso = new Partner { Slug = "bench-contoso", DisplayName = "Bench Contoso" };
    db.Partners.AddRange(northwind, contoso);
    await db.SaveChangesAsync();
    // 400 accounts of Northwind get 80% of the messages; 100 of Contoso the rest.
    var accounts = Enumerable.Range(0, 500).Select(i => new Account
    {
        PartnerId = i < 400 ? northwind.Id : contoso.Id,
        ExternalId = $"bench-{i:000}",
        BusinessName = $"Bench Clinic {i:000}",
        CreatedAt = now,
        UpdatedAt = now,
    }).ToList();
    db.Accounts.AddRange(accounts);
    await db.SaveChangesAsync();

    var connection = (SqliteConnection)db.Database.GetDbConnection();
    await connection.OpenAsync();
    await using (var pragma = connection.CreateCommand())
    {
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;";
        await pragma.ExecuteNonQueryAsync();
    }

    var random = new Random(20261125);
    var start = now.AddMonths(-24);
    var spanSeconds = (now - start).TotalSeconds;
    const int batch = 50_000;
    for (var done = 0; done < count; done += batch)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Messages (AccountId, Kind, Type, Content, Encoding, SegmentCount, Status, Attempts,
                                  CreatedAt, SentAt, UpdatedAt, SecureFailedAttempts, SecureLocked)
            VALUES ($account, 'SmsText', 'Notification', 'Your appointment is tomorrow at 9:00.', 'GSM-7', $segments, $status, 1,
                    $created, $sent, $created, 0, 0)
            """;
        var account = insert.Parameters.Add("$account", SqliteType.Integer);
        var segments = insert.Parameters.Add("$segments", SqliteType.Integer);
        var status = insert.Parameters.Add("$status", SqliteType.Text);
        var created = insert.Parameters.Add("$created", SqliteType.Text);
        var sent = insert.Parameters.Add("$sent", SqliteType.Text);
        insert.Prepare();
        for (var i = done; i < Math.Min(count, done + batch); i++)
        {
            var accountIndex = random.NextDouble() < 0.8 ? random.Next(0, 400) : random.Next(400, 500);
            var createdAt = start.AddSeconds(random.NextDouble() * spanSeconds);
            var roll = random.Next(100);
            var (statusText, isSent) = roll switch
            {
                < 85 => ("Delivered", true),
                < 91 => ("Sent", true),
                < 95 => ("Failed", true),
                < 98 => ("Failed", false),
                _ => ("Pending", false),
            };
            account.Value = accounts[accountIndex].Id;
            segments.Value = random.Next(100) < 80 ? 1 : random.Next(2, 5);
            status.Value = statusText;
            created.Value = Format(createdAt);
            sent.Value = isSent ? Format(createdAt.AddSeconds(5)) : DBNull.Value;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    await using var analyze = connection.CreateCommand();
    analyze.CommandText = "ANALYZE;";
    await analyze.ExecuteNonQueryAsync();
}

// As EF Core's SQLite provider stores DateTime.
static string Format(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

static Actor PartnerAdmin(int partnerId) =>
    new(ActorKind.User, "bench-admin", "Bench admin", PortalRoles.PartnerAdmin, partnerId, null);

static Actor Operator() => new(ActorKind.User, "bench-operator", "Bench operator", PortalRoles.Operator, null, null);

int Option(string name, int fallback) =>
    OptionText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

internal sealed class BenchActor : ICurrentActor
{
    public Actor Current { get; set; } = Actor.System("Bench");

    public ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Current);
}

using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Bench;

/// <summary>
/// The floor under the API send benchmark of issue 7 (<c>bench/api-bench.sh</c>): the durable write of a send on its
/// own, the message row and its audit entry committed through <see cref="MessageGroupCommit"/> exactly as
/// <c>POST /messages/send</c> stores them, with no HTTP, no reads and no checks, by <c>--writers</c> concurrent senders
/// on a fresh SQLite file (WAL, synchronous FULL). Prints messages a second, the p99 wait and the CPU time a message
/// costs, so the share of a send's budget the write alone takes can be read off.
/// <code>
///     dotnet run -c Release --project bench/PartnerPortal.Bench -- commit [--seconds 10] [--writers 32] [--db path]
/// </code>
/// </summary>
public static class CommitBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = AuditBench.IntOption(args, "--seconds", 10);
        var writers = AuditBench.IntOption(args, "--writers", 32);
        var path = Path.GetFullPath(AuditBench.TextOption(args, "--db") ?? Path.Combine(Path.GetTempPath(), "partnerportal-commit-bench.db"));
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        var connectionString = $"Data Source={path}";
        var identity = new ServiceCollection()
            .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
            .BuildServiceProvider();
        var factory = new PooledDbContextFactory<ApplicationDbContext>(new DbContextOptionsBuilder<ApplicationDbContext>()
            .UsePortalSqlite(connectionString)
            .UseApplicationServiceProvider(identity)
            .Options);
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.MigrateAsync();
        }

        BenchData.Seed(connectionString, partnerCount: 1, accountsPerPartner: 1);
        int accountId, partnerId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var account = await db.Accounts.AsNoTracking().Select(a => new { a.Id, a.PartnerId }).FirstAsync();
            (accountId, partnerId) = (account.Id, account.PartnerId);
        }

        var actor = new Actor(ActorKind.ApiKey, "apikey:1", "Benchmark key", null, partnerId, accountId, "127.0.0.1");
        await using var commit = new MessageGroupCommit(factory, new AuditLog(TimeProvider.System));

        async Task<List<double>> RunForAsync(TimeSpan duration)
        {
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var waits = new List<double>[writers];
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                var mine = waits[w] = [];
                while (Stopwatch.GetTimestamp() < until)
                {
                    var started = Stopwatch.GetTimestamp();
                    await commit.StoreAsync(NewMessage(accountId), actor, m => new AuditRecord(
                        "message.queued", "Message", m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        $"SMS Text #{m.Id} queued from Main Office to recipient #1 (1 segment)", partnerId, accountId));
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            })));
            return waits.SelectMany(w => w).ToList();
        }

        await RunForAsync(TimeSpan.FromSeconds(3)); // warm-up: JIT tiers, connection pool
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var measured = await RunForAsync(TimeSpan.FromSeconds(seconds));
        clock.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        measured.Sort();
        var p99 = measured[(int)Math.Min(measured.Count - 1, Math.Ceiling(measured.Count * 0.99) - 1)];
        Console.WriteLine($"Group commit alone (message + audit entry, durable), {writers} writers, {seconds} s, {Environment.ProcessorCount} cores:");
        Console.WriteLine($"  {measured.Count / clock.Elapsed.TotalSeconds,10:N0} messages/s   p99 {p99:N1} ms   " +
                          $"CPU {cpu.TotalMicroseconds / measured.Count:N0} µs a message (all threads)");
        await using (var db = await factory.CreateDbContextAsync())
        {
            var chain = await AuditLog.VerifyAsync(db, CancellationToken.None);
            Console.WriteLine($"  audit chain: {(chain.IsIntact ? "intact" : chain.Problem)}, {chain.EntriesChecked:N0} entries");
            if (!chain.IsIntact)
            {
                return 1;
            }
        }

        SqliteConnection.ClearAllPools();
        return 0;
    }

    // As SendService stores an SMS Text from the Integration API (a known patient, inline content).
    private static Message NewMessage(int accountId)
    {
        var now = DateTime.UtcNow;
        const string content = "Your appointment is tomorrow at 9:00. Reply STOP to opt out.";
        return new Message
        {
            AccountId = accountId, SenderNumber = "+16145550100", ToNumber = "+16145550123", Kind = MessageKind.SmsText,
            Type = MessageType.Notification, Content = content, Encoding = SegmentCalculator.Gsm7, SegmentCount = 1,
            Status = MessageStatus.Pending, CreatedAt = now, UpdatedAt = now,
        };
    }
}

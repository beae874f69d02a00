using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerPortal.Bench.Dispatcher;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Notifications;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Delivery;
using PartnerPortal.Infrastructure.Webhooks;

// The dispatcher against a loopback stub provider: 20,000 Pending messages in a fresh SQLite file (WAL),
// concurrency 100, the provider answering after 0 ms and after 50 ms. Prints messages/s, the 50 ms run's
// ratio to the bound concurrency / latency (2,000/s), and checks that no message is lost or sent twice.
// With one message.status subscriber (a loopback sink) unless --without-subscriber: the outbox relay and the webhook
// delivery worker run beside the dispatcher, and every Sent event must reach the sink once, signed.
const int Messages = 20_000;
const int Concurrency = 100;

var subscriber = !args.Contains("--without-subscriber");
ThreadPool.GetMinThreads(out var minWorkers, out _);
Console.WriteLine($"{(subscriber ? "with one message.status subscriber" : "without a subscriber")}; thread pool minimum {minWorkers} workers on {Environment.ProcessorCount} cores");
var ok = true;
ok &= await RunAsync(TimeSpan.Zero, minimum: 2_000, bound: null, subscriber);
ok &= await RunAsync(TimeSpan.FromMilliseconds(50), minimum: null, bound: Concurrency / 0.050, subscriber);
return ok ? 0 : 1;

static async Task<bool> RunAsync(TimeSpan latency, double? minimum, double? bound, bool subscriber)
{
    var folder = Path.Combine(Path.GetTempPath(), $"partnerportal-bench-dispatcher-{Guid.NewGuid():N}");
    Directory.CreateDirectory(folder);
    try
    {
        await using var provider = await StubProvider.StartAsync(latency);
        await using var sink = await WebhookSink.StartAsync();
        var dbFactory = await CreateDatabaseAsync(Path.Combine(folder, "bench.db"));
        var accountId = await SeedAsync(dbFactory, provider.Url);

        var options = new DeliveryOptions { Concurrency = Concurrency, BatchSize = 200, AllowPrivateAddresses = true };
        options.SimulatedProvider.Enabled = false;
        using var services = new ServiceCollection()
            .AddHttpClient(DeliveryHttp.ProviderClient, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => DeliveryHttp.CreateProviderHandler(allowPrivateAddresses: true))
            .RemoveAllLoggers()
            .Services.BuildServiceProvider();
        var dataProtection = new EphemeralDataProtectionProvider();
        var dispatcher = new MessageDispatcher(dbFactory, services.GetRequiredService<IHttpClientFactory>(), new ProviderSecrets(dataProtection),
            new SecureLinkService(dbFactory, new FixedCurrentActor(MessageDispatcher.SystemActor), new AuditLog(TimeProvider.System), TimeProvider.System,
                new SecureTextOptions(), new NoEmail(), new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()),
            new SimulatedProviderAddress(Options.Create(options), services), TimeProvider.System, Options.Create(options),
            NullLogger<MessageDispatcher>.Instance);

        await AddPendingAsync(dbFactory, accountId, Messages);
        using var events = new CancellationTokenSource();
        (MessageEventRelay? relay, WebhookDeliveryWorker? worker) = subscriber ? await StartEventsAsync(dbFactory, sink, dataProtection, events.Token) : (null, null);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var sent = 0;
        for (var pass = 0; pass < 5 && sent < Messages; pass++)
        {
            sent += (await dispatcher.DispatchDueAsync(DateTime.UtcNow)).Sent;
        }

        stopwatch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var eventsLine = "";
        var eventsOk = true;
        if (subscriber)
        {
            // Untimed: the events still in flight reach the sink (the relay polls every 500 ms, the worker is woken).
            var waited = Stopwatch.StartNew();
            while (sink.MessageStatuses.Count < Messages && waited.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(200);
            }

            await events.CancelAsync();
            await relay!.StopAsync(CancellationToken.None);
            await worker!.StopAsync(CancellationToken.None);
            var eventsLost = Messages - sink.MessageStatuses.Count;
            var eventsDuplicated = sink.EventIds.Values.Count(c => c > 1) + sink.MessageStatuses.Values.Count(c => c > 1);
            eventsOk = eventsLost == 0 && eventsDuplicated == 0 && sink.BadSignatures == 0;
            eventsLine = $"  message.status subscriber: {sink.MessageStatuses.Count:N0} Sent events received (all {waited.Elapsed.TotalSeconds:0.0} s after the last send), " +
                $"lost {eventsLost}, duplicated {eventsDuplicated}, bad signatures {sink.BadSignatures}";
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var sentInDb = await db.Messages.CountAsync(m => m.Status == MessageStatus.Sent);
        var lost = Messages - provider.Received.Count + (Messages - sentInDb);
        var duplicated = provider.Received.Values.Count(count => count > 1);
        var rate = Messages / stopwatch.Elapsed.TotalSeconds;

        var line = $"latency {latency.TotalMilliseconds,3:0} ms: {Messages:N0} messages in {stopwatch.Elapsed.TotalSeconds:0.00} s = {rate:N0} msg/s";
        var pass1 = true;
        if (bound is { } b)
        {
            var ratio = rate / b;
            line += $"; bound {Concurrency} / {latency.TotalMilliseconds:0} ms = {b:N0}/s, ratio {ratio:0.00} (target ≥ 0.90)";
            pass1 = ratio >= 0.9;
        }
        else if (minimum is { } min)
        {
            line += $" (target ≥ {min:N0})";
            pass1 = rate >= min;
        }

        Console.WriteLine(line);
        Console.WriteLine($"  process CPU {cpu.TotalSeconds:0.0} s ({cpu.TotalMilliseconds * 1000 / Messages:0} µs per message, dispatcher and stub together); machine load average {LoadAverage()}");
        if (eventsLine.Length > 0)
        {
            Console.WriteLine(eventsLine);
        }

        var passed = pass1 && lost == 0 && duplicated == 0 && eventsOk;
        Console.WriteLine($"  sent {sentInDb:N0}, received {provider.Received.Count:N0} distinct retIds, lost {lost}, duplicated {duplicated} → {(passed ? "OK" : "MISSED")}");
        return passed;
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

static async Task<(MessageEventRelay Relay, WebhookDeliveryWorker Worker)> StartEventsAsync(
    IDbContextFactory<ApplicationDbContext> dbFactory, WebhookSink sink, IDataProtectionProvider dataProtection, CancellationToken cancellationToken)
{
    var secret = WebhookSignature.NewSecret();
    sink.Secret = secret;
    await using (var db = await dbFactory.CreateDbContextAsync())
    {
        db.WebhookSubscriptions.Add(new WebhookSubscription
        {
            PartnerId = await db.Partners.Select(p => p.Id).FirstAsync(), Url = sink.Url, EventType = WebhookEvents.MessageStatus,
            ProtectedSecret = dataProtection.CreateProtector(WebhookService.SecretPurpose).Protect(secret), CreatedAt = DateTime.UtcNow, CreatedBy = "bench",
        });
        await db.SaveChangesAsync();
    }

    var options = Options.Create(new WebhookOptions { AllowPrivateAddresses = true });
    var http = new ServiceCollection()
        .AddHttpClient(WebhookHttp.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
        .ConfigurePrimaryHttpMessageHandler(() => WebhookHttp.CreateHandler(allowPrivateAddresses: true))
        .RemoveAllLoggers()
        .Services.BuildServiceProvider();
    var signal = new WebhookDeliverySignal();
    var notifications = new NotificationPublisher(dbFactory, new LiveUpdates(), TimeProvider.System);
    var relay = new MessageEventRelay(dbFactory, notifications, signal, new AuditLog(TimeProvider.System), TimeProvider.System, options, NullLogger<MessageEventRelay>.Instance);
    var worker = new WebhookDeliveryWorker(dbFactory, http.GetRequiredService<IHttpClientFactory>(), dataProtection, new AnyUrl(),
        new AuditLog(TimeProvider.System), TimeProvider.System, options, signal, NullLogger<WebhookDeliveryWorker>.Instance);
    await relay.StartAsync(cancellationToken);
    await worker.StartAsync(cancellationToken);
    return (relay, worker);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

static async Task<IDbContextFactory<ApplicationDbContext>> CreateDatabaseAsync(string path)
{
    var identity = new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();
    var options = new DbContextOptionsBuilder<ApplicationDbContext>()
        .UsePortalSqlite($"Data Source={path}")
        .UseApplicationServiceProvider(identity)
        .Options;
    var factory = new PooledDbContextFactory<ApplicationDbContext>(options);
    await using var db = await factory.CreateDbContextAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    await db.Database.MigrateAsync();
    return factory;
}

static async Task<int> SeedAsync(IDbContextFactory<ApplicationDbContext> dbFactory, string providerUrl)
{
    await using var db = await dbFactory.CreateDbContextAsync();
    var partner = new Partner { Slug = "bench", DisplayName = "Bench", BusinessDetails = new PartnerBusinessDetails { Name = "Bench" } };
    db.Partners.Add(partner);
    await db.SaveChangesAsync();
    var account = new Account
    {
        PartnerId = partner.Id, ExternalId = "bench", BusinessName = "Bench Clinic", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        Locations = [new Location { ExternalId = "default", Name = "Default Location", IsDefault = true,
            SmsNumber = new SmsNumber { Number = "+16145550100", Status = SmsNumberStatus.Approved, UpdatedAt = DateTime.UtcNow } }],
    };
    db.Accounts.Add(account);
    await db.SaveChangesAsync();
    // Stored directly: the SMS Settings page only takes https URLs; the loopback stub is plain http to measure the dispatcher, not TLS.
    db.ProviderSettings.Add(new ProviderSettings
    {
        AccountId = account.Id, ProviderUrl = providerUrl, SenderName = "Bench", ProtectedCallbackSecret = "-",
        CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
    });
    await db.SaveChangesAsync();
    return account.Id;
}

static async Task AddPendingAsync(IDbContextFactory<ApplicationDbContext> dbFactory, int accountId, int count)
{
    await using var db = await dbFactory.CreateDbContextAsync();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    var locationId = await db.Locations.Where(l => l.AccountId == accountId).Select(l => l.Id).FirstAsync();
    var now = DateTime.UtcNow;
    await using var transaction = await db.Database.BeginTransactionAsync();
    for (var i = 0; i < count; i++)
    {
        db.Messages.Add(new Message
        {
            AccountId = accountId, LocationId = locationId, SenderNumber = "+16145550100",
            ToNumber = "+1614555" + (1000 + (i % 9000)).ToString("0000", CultureInfo.InvariantCulture),
            Kind = MessageKind.SmsText, Type = MessageType.Notification, Content = "Your appointment is tomorrow at 9am. Reply STOP to opt out.",
            Encoding = "GSM-7", SegmentCount = 1, Status = MessageStatus.Pending, CreatedAt = now, UpdatedAt = now,
        });
    }

    await db.SaveChangesAsync();
    await transaction.CommitAsync();
}

/// <summary>No Secure Text emails in this run.</summary>
internal sealed class NoEmail : INoticeEmailSender
{
    public Task SendAsync(NoticeEmail email, CancellationToken cancellationToken) => Task.CompletedTask;
}

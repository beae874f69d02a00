using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

/// <summary>
/// Issue 9: two app instances (two web hosts, each with its hosted dispatcher) on one database — PostgreSQL when
/// <c>PORTAL_TEST_POSTGRES</c> is set (as <c>.ci/run</c> does), otherwise one SQLite file — deliver 10,000 messages
/// to a provider on 127.0.0.1 that counts each retId. Every retId must arrive exactly once and none may be left.
/// </summary>
[Trait("Category", "TwoInstances")]
public sealed class TwoAppInstancesTests : IAsyncLifetime
{
    private const int MessageCount = 10_000;
    private const int ConcurrencyPerInstance = 4;
    private readonly ConcurrentDictionary<string, int> _received = new();
    private readonly BothSendingGate _bothSending = new(ConcurrencyPerInstance);
    private readonly string _sqlitePath = Path.Combine(Path.GetTempPath(), $"partnerportal-two-{Guid.NewGuid():N}.db");
    private string _connectionString = "";
    private WebApplication _provider = null!;
    private string _providerUrl = "";

    public async Task InitializeAsync()
    {
        _connectionString = PostgresTestServer.Enabled ? PostgresTestServer.NewDatabaseName("portal_two") : $"Data Source={_sqlitePath}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _provider = builder.Build();
        _provider.MapPost("/simulated-provider/messages", async (HttpRequest request) =>
        {
            using var payload = await JsonDocument.ParseAsync(request.Body);
            await _bothSending.PassAsync();
            _received.AddOrUpdate(payload.RootElement.GetProperty("retId").GetString()!, 1, (_, count) => count + 1);
            return Results.Ok();
        });
        await _provider.StartAsync();
        _providerUrl = _provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        if (PostgresTestServer.Enabled)
        {
            PostgresTestServer.DropDatabase(_connectionString);
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqlitePath + suffix);
            }
        }
    }

    private PortalAppFactory Instance()
    {
        var app = new PortalAppFactory();
        app.Settings["ConnectionStrings:Portal"] = _connectionString;
        app.Settings["Delivery:Enabled"] = "true";
        app.Settings["Delivery:SimulatedProvider:Enabled"] = "true";
        app.Settings["Delivery:SimulatedProvider:BaseUrl"] = _providerUrl;
        app.Settings["Delivery:PollInterval"] = "00:00:00.200";
        app.Settings["Delivery:Concurrency"] = ConcurrencyPerInstance.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return app;
    }

    [Fact]
    public async Task TwoInstancesWithDispatchers_TenThousandMessages_EachRetIdReceivedOnceNoneLost()
    {
        await using var first = Instance();
        _ = first.Services; // starts the host: migrations, demo data, dispatcher
        await using var second = Instance();
        _ = second.Services;

        var factory = first.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();
        List<long> ids;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var location = await db.Locations.Include(l => l.SmsNumber).SingleAsync(l => l.Account.ExternalId == "riverside" && l.IsDefault);
            var now = DateTime.UtcNow;
            var messages = Enumerable.Range(0, MessageCount).Select(i => new Message
            {
                AccountId = location.AccountId, LocationId = location.Id, SenderNumber = location.SmsNumber!.Number,
                ToNumber = $"+1614555{1000 + (i % 8000):0000}", Kind = MessageKind.SmsText, Type = MessageType.Notification,
                Content = "Your appointment is tomorrow at 9am.", Encoding = SegmentCalculator.Gsm7, SegmentCount = 1,
                Status = MessageStatus.Pending, CreatedAt = now, UpdatedAt = now,
            }).ToList();
            db.Messages.AddRange(messages);
            await db.SaveChangesAsync();
            ids = messages.Select(m => m.Id).ToList();
        }

        // Both hosts' dispatchers work on the rows; wait (up to two minutes) until none is Pending.
        var (firstId, lastId) = (ids.Min(), ids.Max());
        var deadline = DateTime.UtcNow.AddMinutes(2);
        int pending;
        do
        {
            await Task.Delay(250);
            await using var db = await factory.CreateDbContextAsync();
            pending = await db.Messages.CountAsync(m => m.Id >= firstId && m.Id <= lastId && m.Status == MessageStatus.Pending);
        }
        while (pending > 0 && DateTime.UtcNow < deadline);

        pending.Should().Be(0, "every message left the outbox");
        _received.Should().HaveCount(MessageCount);
        _received.Values.Should().OnlyContain(count => count == 1, "no retId was sent twice");
        _received.Keys.ToHashSet().SetEquals(ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Should().BeTrue("the provider received exactly the stored messages' retIds");
        await using var check = await factory.CreateDbContextAsync();
        var dispatchers = await check.MessageAttempts.Where(a => a.MessageId >= firstId && a.MessageId <= lastId)
            .Select(a => a.Dispatcher).Distinct().ToListAsync();
        dispatchers.Select(d => d!.Split(':')[0]).Distinct().Should().HaveCount(2, "both instances' dispatchers took part");
    }
}

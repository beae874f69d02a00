using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Infrastructure.Delivery;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

/// <summary>The provider-facing endpoints over HTTP (anonymous, HMAC-signed) and the delivery wiring of the app.</summary>
public sealed class DeliveryEndpointsTests : IAsyncLifetime
{
    private readonly PortalAppFactory _app = new();
    private HttpClient _client = null!;
    private int _accountId;
    private long _messageId;
    private string _secret = "";

    public async Task InitializeAsync()
    {
        _app.Settings["Delivery:MaxAttempts"] = "5";
        _app.Settings["Delivery:Concurrency"] = "50";
        _client = _app.CreateClient();
        var dbFactory = _app.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var account = await db.Accounts.Include(a => a.Locations).ThenInclude(l => l.SmsNumber).FirstAsync(a => a.ExternalId == "riverside");
        _accountId = account.Id;
        var dublin = account.Locations.First(l => l.ExternalId == "dublin");
        var message = new Message
        {
            AccountId = account.Id, LocationId = dublin.Id, SenderNumber = dublin.SmsNumber!.Number, ToNumber = "+16145550123",
            Kind = MessageKind.SmsText, Content = "Your appointment is tomorrow.", Encoding = "GSM-7", SegmentCount = 1,
            Status = MessageStatus.Pending, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        _messageId = message.Id;
        var secrets = _app.Services.GetRequiredService<ProviderSecrets>();
        _secret = secrets.UnprotectCallbackSecret((await secrets.EnsureAsync(db, account.Id, DateTime.UtcNow, CancellationToken.None)).ProtectedCallbackSecret)!;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private HttpRequestMessage Signed(string path, object body, string? secret = null, int? accountId = null)
    {
        var json = JsonSerializer.Serialize(body);
        var timestamp = CallbackSignature.ToUnixSeconds(DateTime.UtcNow);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(CallbackSignature.AccountHeader, (accountId ?? _accountId).ToString());
        request.Headers.Add(CallbackSignature.TimestampHeader, timestamp.ToString());
        request.Headers.Add(CallbackSignature.SignatureHeader, CallbackSignature.Sign(secret ?? _secret, timestamp, json));
        return request;
    }

    private async Task<Message> MessageAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        return await db.Messages.AsNoTracking().SingleAsync(m => m.Id == _messageId);
    }

    [Fact]
    public async Task StatusCallback_Signed_200AndDelivered()
    {
        using var response = await _client.SendAsync(Signed("/provider/callbacks/status", new { retId = _messageId.ToString(), status = "DELIVERED" }));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"status\":\"Delivered\"");
        (await MessageAsync()).Status.Should().Be(MessageStatus.Delivered);
    }

    [Fact]
    public async Task StatusCallback_ForgedOrReplayedOrUnknown_RefusedWithoutSignIn()
    {
        using var forged = await _client.SendAsync(Signed("/provider/callbacks/status", new { retId = _messageId.ToString(), status = "DELIVERED" }, secret: "cbsec_guess"));
        using var unsigned = await _client.PostAsJsonAsync("/provider/callbacks/status", new { retId = _messageId.ToString(), status = "DELIVERED" });
        using var unknown = await _client.SendAsync(Signed("/provider/callbacks/status", new { retId = _messageId.ToString(), status = "DELIVERED" }, accountId: 987_654));
        var original = Signed("/provider/callbacks/status", new { retId = _messageId.ToString(), status = "FAILED", reason = "x" });
        var replay = new HttpRequestMessage(HttpMethod.Post, "/provider/callbacks/status") { Content = new StringContent(await original.Content!.ReadAsStringAsync(), Encoding.UTF8, "application/json") };
        foreach (var header in original.Headers)
        {
            replay.Headers.Add(header.Key, header.Value);
        }

        using var first = await _client.SendAsync(original);
        using var replayed = await _client.SendAsync(replay);

        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unsigned.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await MessageAsync()).Status.Should().Be(MessageStatus.Failed);
        await _app.Services.GetRequiredService<ProviderCallbackService>().WriteRefusalsAsync(CancellationToken.None);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        (await db.ProviderSettings.SingleAsync(s => s.AccountId == _accountId)).RefusedCallbacks.Should().Be(2, "the forged and the replayed request");
    }

    [Fact]
    public async Task Inbound_SignedStop_OptedOutWithConfirmationQueued()
    {
        using var response = await _client.SendAsync(Signed("/provider/inbound", new { id = "in-http-1", from = "+16145550124", to = "+12195550114", text = "STOP" }));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("\"action\":\"OptOut\"").And.Contain("\"replyMessageId\":");
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        (await db.OptOuts.AnyAsync(o => o.AccountId == _accountId && o.Phone == "+16145550124")).Should().BeTrue();
    }

    [Fact]
    public async Task SimulatedProvider_Development_AcceptsOnlyTheAppsOwnDispatcher()
    {
        var payload = new ProviderMessage("NOTIFICATION", "Riverside", "+16145550123", _messageId.ToString(), false, "Hi", 1);
        HttpRequestMessage Keyed(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/simulated-provider/messages") { Content = new StringContent(payload.ToJson(), Encoding.UTF8, "application/json") };
            request.Headers.Add(SimulatedProviderKey.HeaderName, key);
            return request;
        }

        using var forged = await _client.PostAsync("/simulated-provider/messages", new StringContent(payload.ToJson(), Encoding.UTF8, "application/json"));
        using var guessed = await _client.SendAsync(Keyed("not-the-key"));
        using var response = await _client.SendAsync(Keyed(SimulatedProviderKey.Value));
        using var again = await _client.SendAsync(Keyed(SimulatedProviderKey.Value));
        using var probe = await _client.GetAsync("/simulated-provider/messages");

        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        guessed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).Should().Contain("\"duplicate\":true", "the provider deduplicates by retId");
        probe.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void Host_Development_DispatcherAndReporterWiredOptionsBound()
    {
        var hosted = _app.Services.GetServices<IHostedService>().ToList();
        var options = _app.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value;

        hosted.Should().ContainSingle(s => s is MessageDispatcher).Which.Should().BeSameAs(_app.Services.GetRequiredService<MessageDispatcher>());
        hosted.Should().ContainSingle(s => s is SimulatedProviderReporter);
        options.Enabled.Should().BeFalse("the test app dispatches only when a test asks");
        options.MaxAttempts.Should().Be(5);
        options.Concurrency.Should().Be(50);
        options.SimulatedProvider.Enabled.Should().BeTrue("on by default in Development");
    }
}

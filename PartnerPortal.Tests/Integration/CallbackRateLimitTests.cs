using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

/// <summary>Issue 15: refused provider callbacks are rate limited per client address.</summary>
public sealed class CallbackRateLimitTests : IAsyncLifetime
{
    private readonly PortalAppFactory _app = new();
    private HttpClient _client = null!;
    private int _accountId;

    public async Task InitializeAsync()
    {
        _app.Settings["Delivery:RefusedCallbacksPerMinute"] = "5";
        _client = _app.CreateClient();
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        _accountId = (await db.Accounts.FirstAsync(a => a.ExternalId == "riverside")).Id;
        await _app.Services.GetRequiredService<ProviderSecrets>().EnsureAsync(db, _accountId, DateTime.UtcNow, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private HttpRequestMessage Forged()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/provider/callbacks/status")
        {
            Content = new StringContent("""{"retId":"1","status":"DELIVERED"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(CallbackSignature.AccountHeader, _accountId.ToString());
        request.Headers.Add(CallbackSignature.TimestampHeader, CallbackSignature.ToUnixSeconds(DateTime.UtcNow).ToString());
        request.Headers.Add(CallbackSignature.SignatureHeader, "sha256=" + new string('0', 64));
        return request;
    }

    [Fact]
    public async Task StatusCallback_ForgedRepeatedly_401ThenRateLimited429()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await _client.SendAsync(Forged());
            answers.Add(response.StatusCode);
        }

        answers.Take(5).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        answers.Skip(6).Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests, "5 refusals a minute, and the bucket refills 1 every 12 s");
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPortal.Api;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Api;

/// <summary>Issue 15 (items 5 and 7, the body limit): idempotency claims expire, rate limits follow the key, chunked bodies are limited.</summary>
public sealed class ApiHardeningTests(ApiHardeningTests.AppFixture fixture) : IClassFixture<ApiHardeningTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory
    {
        public AppFixture()
        {
            Settings["Api:Idempotency:ClaimExpirySeconds"] = "30";
            Settings["Api:RateLimit:PermitsPerSecond"] = "1";
            Settings["Api:RateLimit:Burst"] = "5";
        }
    }

    private const string Preview = "/api/v1/integration/messages/preview";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>A key of its own per test, so the tests' rate-limit buckets do not meet.</summary>
    private async Task<string> NewIntegrationKeyAsync(string name)
    {
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        var demo = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Hash == ApiKeyService.HashOf(DemoDataSeeder.DemoIntegrationKey));
        var secret = $"test-{name}-{Guid.NewGuid():N}";
        await ApiKeyService.EnsureKeyAsync(db, demo.PartnerId, demo.AccountId, ApiKeyScope.Account, name, secret, DateTime.UtcNow, CancellationToken.None);
        return secret;
    }

    private HttpClient Client(string key, string? idempotencyKey = null)
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (idempotencyKey is not null)
        {
            client.DefaultRequestHeaders.Add(IdempotencyFilter.HeaderName, idempotencyKey);
        }

        return client;
    }

    /// <summary>What a request that died after claiming its key leaves behind: the claim, no answer.</summary>
    private async Task ClaimWithoutAnswerAsync(string apiKey, string idempotencyKey, string body, TimeSpan age)
    {
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        var keyId = (await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Hash == ApiKeyService.HashOf(apiKey))).Id;
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(Preview));
        sha.AppendData(Encoding.UTF8.GetBytes(body));
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            ApiKeyId = keyId, Key = idempotencyKey, RequestHash = Convert.ToHexStringLower(sha.GetHashAndReset()),
            CreatedAt = DateTime.UtcNow - age,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Idempotency_ClaimOlderThanExpiryWithoutAnswer_RetryRunsAndItsAnswerIsReplayed()
    {
        var key = await NewIntegrationKeyAsync("stale-claim");
        const string body = """{"content":"Hello"}""";
        await ClaimWithoutAnswerAsync(key, "crashed-1", body, TimeSpan.FromSeconds(45));
        var client = Client(key, "crashed-1");

        var retry = await client.PostAsync(Preview, Json(body));
        var again = await client.PostAsync(Preview, Json(body));

        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await BodyAsync(retry)).GetProperty("segments").GetInt32().Should().Be(1);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        again.Headers.Contains("Idempotent-Replayed").Should().BeTrue();
    }

    [Fact]
    public async Task Idempotency_ClaimYoungerThanExpiryWithoutAnswer_StillAnswers4090()
    {
        var key = await NewIntegrationKeyAsync("live-claim");
        const string body = """{"content":"Hello"}""";
        await ClaimWithoutAnswerAsync(key, "running-1", body, TimeSpan.FromSeconds(5));

        var retry = await Client(key, "running-1").PostAsync(Preview, Json(body));

        retry.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await BodyAsync(retry)).GetProperty("code").GetInt32().Should().Be(4090);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(86_401)]
    public void IdempotencyOptions_OutOfRange_AreRefused(int seconds)
    {
        var services = new ServiceCollection();
        services.AddOptions<IdempotencyOptions>().Configure(o => o.ClaimExpirySeconds = seconds).ValidateDataAnnotations();

        var read = () => services.BuildServiceProvider().GetRequiredService<IOptions<IdempotencyOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*ClaimExpirySeconds*");
    }

    [Fact]
    public async Task RateLimit_AuthorizationSchemeSpelledDifferently_SharesTheKeysBucket()
    {
        var key = await NewIntegrationKeyAsync("spellings");
        var spellings = new[] { "Bearer", "bearer", "BEARER", "bEaReR", "BeArEr", "bearER", "Bearer " };
        var client = fixture.CreateClient();
        var started = DateTime.UtcNow;
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 300; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/integration/ping");
            request.Headers.TryAddWithoutValidation("Authorization", $"{spellings[i % spellings.Length]} {key}");
            answers.Add((await client.SendAsync(request)).StatusCode);
        }

        var elapsedSeconds = (int)Math.Ceiling((DateTime.UtcNow - started).TotalSeconds);
        answers.Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.TooManyRequests, "every spelling is the same, valid key");
        answers.Take(5).Should().OnlyContain(s => s == HttpStatusCode.OK, "the burst is 5");
        answers.Count(s => s == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(5 + elapsedSeconds + 1, "one bucket: the burst plus 1 a second");
    }

    [Fact]
    public async Task MessageList_PageBeyondAnOffset_Answers4000NotAServerError()
    {
        var key = await NewIntegrationKeyAsync("page-overflow");

        var response = await Client(key).GetAsync($"/api/v1/integration/messages?page={int.MaxValue}&pageSize=100");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await BodyAsync(response);
        body.GetProperty("code").GetInt32().Should().Be(4000);
        body.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("page");
    }

    /// <summary>A POST whose body has no Content-Length (as a chunked request arrives), straight to the test server.</summary>
    private async Task<(int Status, JsonElement Body)> PostUnsizedAsync(string key, string json)
    {
        var context = await fixture.Server.SendAsync(http =>
        {
            http.Request.Method = "POST";
            http.Request.Path = Preview;
            http.Request.Headers.Authorization = $"Bearer {key}";
            http.Request.ContentType = "application/json";
            http.Request.ContentLength = null;
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        });
        context.Request.ContentLength.Should().BeNull();
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement);
    }

    [Fact]
    public async Task Body_ChunkedOverTheLimit_Answers4000()
    {
        var key = await NewIntegrationKeyAsync("chunked");

        var (status, body) = await PostUnsizedAsync(key, $$"""{"content":"{{new string('a', 100 * 1024)}}"}""");

        status.Should().Be(400);
        body.GetProperty("code").GetInt32().Should().Be(4000);
        body.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("body");
    }

    [Fact]
    public async Task Body_ChunkedUnderTheLimit_IsRead()
    {
        var key = await NewIntegrationKeyAsync("chunked-small");

        var (status, body) = await PostUnsizedAsync(key, """{"content":"Hello"}""");

        status.Should().Be(200);
        body.GetProperty("characters").GetInt32().Should().Be(5);
    }
}

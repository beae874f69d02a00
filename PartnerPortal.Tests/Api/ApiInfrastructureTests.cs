using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data.Seed;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Identity;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Api;

public sealed class ApiInfrastructureTests(ApiInfrastructureTests.AppFixture fixture) : IClassFixture<ApiInfrastructureTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    private const string Preview = "/api/v1/integration/messages/preview";

    private HttpClient Client(string? key)
    {
        var client = fixture.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Preview_DemoIntegrationKey_ReturnsSegmentsAndLint()
    {
        var response = await Client(DemoDataSeeder.DemoIntegrationKey).PostAsync(Preview, Json("""{"content":"Your refill is ready: bit.ly/x"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await BodyAsync(response);
        body.GetProperty("encoding").GetString().Should().Be("GSM-7");
        body.GetProperty("segments").GetInt32().Should().Be(1);
        body.GetProperty("blocked")[0].GetProperty("rule").GetString().Should().Be("url-shortener");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    public async Task Integration_MissingOrUnknownKey_Answers4010ProblemDetails(string? key)
    {
        var response = await Client(key).PostAsync(Preview, Json("""{"content":"hi"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await BodyAsync(response)).GetProperty("code").GetInt32().Should().Be(4010);
    }

    [Fact]
    public async Task Integration_PartnerKey_IsRefusedWith4030()
    {
        var response = await Client(DemoDataSeeder.DemoPartnerKey).PostAsync(Preview, Json("""{"content":"hi"}"""));

        // A valid key of the other API lacks the right (DESIGN §6): 4030, not 4010.
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await BodyAsync(response)).GetProperty("code").GetInt32().Should().Be(4030);
    }

    [Fact]
    public async Task Integration_RevokedKey_Answers4010()
    {
        CreatedApiKey created;
        using (var scope = fixture.Services.CreateScope())
        {
            var actor = scope.ServiceProvider.GetRequiredService<CurrentActor>();
            var riversideId = await FindAccountIdAsync(scope, "riverside");
            actor.Set(new Actor(global::PartnerPortal.Domain.Audit.ActorKind.User, "u1", "Admin", PortalRoles.PartnerAdmin, 1, null));
            var service = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
            created = (await service.CreateAsync("to revoke", ApiKeyScope.Account, riversideId, CancellationToken.None)).Value!;
            (await Client(created.Secret).PostAsync(Preview, Json("""{"content":"hi"}"""))).StatusCode.Should().Be(HttpStatusCode.OK);
            (await service.RevokeAsync(created.Id, CancellationToken.None)).Succeeded.Should().BeTrue();
        }

        var response = await Client(created.Secret).PostAsync(Preview, Json("""{"content":"hi"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await BodyAsync(response)).GetProperty("code").GetInt32().Should().Be(4010);
    }

    [Theory]
    [InlineData("{\"content\": ", "content")]
    [InlineData("{\"content\": 42}", "content")]
    [InlineData("[1,2]", "body")]
    [InlineData("{}", "content")]
    public async Task Preview_BadInput_Answers4000NamingTheField(string json, string field)
    {
        var response = await Client(DemoDataSeeder.DemoIntegrationKey).PostAsync(Preview, Json(json));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await BodyAsync(response);
        body.GetProperty("code").GetInt32().Should().Be(4000);
        body.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be(field);
    }

    [Fact]
    public async Task Idempotency_SameKeyAndBody_ReplaysTheFirstAnswer()
    {
        var client = Client(DemoDataSeeder.DemoIntegrationKey);
        client.DefaultRequestHeaders.Add("Idempotency-Key", "preview-replay-1");

        var first = await client.PostAsync(Preview, Json("""{"content":"Hello"}"""));
        var second = await client.PostAsync(Preview, Json("""{"content":"Hello"}"""));

        second.StatusCode.Should().Be(first.StatusCode);
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        second.Headers.Contains("Idempotent-Replayed").Should().BeTrue();
        first.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
    }

    [Fact]
    public async Task Idempotency_SameKeyOtherBody_Answers4090()
    {
        var client = Client(DemoDataSeeder.DemoIntegrationKey);
        client.DefaultRequestHeaders.Add("Idempotency-Key", "preview-conflict-1");
        await client.PostAsync(Preview, Json("""{"content":"Hello"}"""));

        var response = await client.PostAsync(Preview, Json("""{"content":"Goodbye"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await BodyAsync(response)).GetProperty("code").GetInt32().Should().Be(4090);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheIntegrationApi()
    {
        var response = await Client(null).GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("/api/v1/integration/messages/preview");
    }

    private static async Task<int> FindAccountIdAsync(IServiceScope scope, string externalId)
    {
        var factory = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PartnerPortal.Data.ApplicationDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return db.Accounts.Single(a => a.ExternalId == externalId).Id;
    }
}

public sealed class RateLimitTests(RateLimitTests.AppFixture fixture) : IClassFixture<RateLimitTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory
    {
        public AppFixture()
        {
            Settings["Api:RateLimit:PermitsPerSecond"] = "1";
            Settings["Api:RateLimit:Burst"] = "3";
        }
    }

    [Fact]
    public async Task NoisyKey_IsLimitedWith4290AndRetryAfter_OtherKeysAreNot()
    {
        var noisy = fixture.CreateClient();
        noisy.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoDataSeeder.DemoIntegrationKey);
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await noisy.GetAsync("/api/v1/integration/ping");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        limited.Should().NotBeNull("a bucket of 3 with 1 per second cannot take 10 requests at once");
        limited!.Headers.RetryAfter.Should().NotBeNull();
        (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32().Should().Be(4290);

        var other = fixture.CreateClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoDataSeeder.DemoPartnerKey);
        var partnerAnswer = await other.PostAsync("/api/io/Unknown", new StringContent("{}", Encoding.UTF8, "application/json"));
        partnerAnswer.StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Api;

/// <summary>DESIGN §4 step 7 in both APIs: no provider URL while the simulated provider is off → 4060 (HTTP 422), nothing stored.</summary>
public sealed class NoProviderApiTests(NoProviderApiTests.AppFixture fixture) : IClassFixture<NoProviderApiTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory
    {
        public AppFixture() => Settings["Delivery:SimulatedProvider:Enabled"] = "false";
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string path, string key, object body)
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await client.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private async Task<int> RiversideMessagesAsync()
    {
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        return await db.Messages.CountAsync(m => m.Account.ExternalId == "riverside");
    }

    [Fact]
    public async Task PartnerApi_SmsSend_NoProvider_Answers4060()
    {
        var before = await RiversideMessagesAsync();

        var (response, body) = await PostAsync("/api/io/SmsSend", DemoDataSeeder.DemoPartnerKey,
            new { accountId = "riverside", locationId = "dublin", to = "+16145550123", message = "Your appointment is tomorrow at 9." });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        body.GetProperty("successful").GetBoolean().Should().BeFalse();
        body.GetProperty("responseCode").GetInt32().Should().Be(4060);
        body.GetProperty("responseMessage").GetString().Should().Be("No SMS provider is configured for this account.");
        (await RiversideMessagesAsync()).Should().Be(before);
    }

    [Fact]
    public async Task IntegrationApi_Send_NoProvider_Answers4060ProblemDetails()
    {
        var before = await RiversideMessagesAsync();

        var (response, body) = await PostAsync("/api/v1/integration/messages/send", DemoDataSeeder.DemoIntegrationKey,
            new { providerId = "P-1001", content = "Your appointment is confirmed." });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        body.GetProperty("code").GetInt32().Should().Be(4060);
        body.GetProperty("detail").GetString().Should().Be("No SMS provider is configured for this account.");
        (await RiversideMessagesAsync()).Should().Be(before);
    }
}

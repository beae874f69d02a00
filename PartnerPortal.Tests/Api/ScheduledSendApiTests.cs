using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PartnerPortal.Data.Seed;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Api;

/// <summary><c>sendAt</c> and <c>scheduledFor</c> in both APIs (quiet hours are off in the test app, so the wall clock decides nothing).</summary>
public sealed class ScheduledSendApiTests(ScheduledSendApiTests.AppFixture fixture) : IClassFixture<ScheduledSendApiTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    private static readonly DateTime InTwoHours = DateTime.UtcNow.AddHours(2).AddTicks(-(DateTime.UtcNow.Ticks % TimeSpan.TicksPerSecond));

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string path, object payload, string key)
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await client.PostAsync(path, new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json"));
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Answers carry milliseconds (DESIGN §6: 2025-05-25T10:00:00.000Z).
    private static string Millis(DateTime utc) => Iso(utc).Replace("Z", ".000Z", StringComparison.Ordinal);

    [Fact]
    public async Task IntegrationSend_WithSendAt_AnswersScheduledForAndGetShowsIt()
    {
        var (response, body) = await PostAsync("/api/v1/integration/messages/send",
            new { providerId = "P-1001", content = "See you next week.", sendAt = Iso(InTwoHours) }, DemoDataSeeder.DemoIntegrationKey);
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoDataSeeder.DemoIntegrationKey);
        var get = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/integration/messages/{body.GetProperty("messageId").GetString()}")).RootElement;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("status").GetString().Should().Be("Pending");
        body.GetProperty("scheduledFor").GetString().Should().Be(Millis(InTwoHours));
        get.GetProperty("scheduledFor").GetString().Should().Be(Millis(InTwoHours));
    }

    [Fact]
    public async Task IntegrationSend_SendAtInThePast_4000NamingSendAt()
    {
        var (response, body) = await PostAsync("/api/v1/integration/messages/send",
            new { providerId = "P-1001", content = "Too late.", sendAt = Iso(DateTime.UtcNow.AddHours(-1)) }, DemoDataSeeder.DemoIntegrationKey);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("code").GetInt32().Should().Be(4000);
        body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Should().Contain("sendAt");
    }

    [Fact]
    public async Task PartnerSmsSend_WithSendAt_AnswersScheduledFor()
    {
        var (response, body) = await PostAsync("/api/io/SmsSend",
            new { accountId = "riverside", locationId = "dublin", to = "+16145550124", message = "See you next week.", sendAt = Iso(InTwoHours) },
            DemoDataSeeder.DemoPartnerKey);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("responseCode").GetInt32().Should().Be(2000);
        body.GetProperty("scheduledFor").GetString().Should().Be(Millis(InTwoHours));
    }

    [Fact]
    public async Task PartnerSmsSend_TooFarAhead_4000NamingSendAt()
    {
        var (response, body) = await PostAsync("/api/io/SmsSend",
            new { accountId = "riverside", locationId = "dublin", to = "+16145550124", message = "Next year.", sendAt = Iso(DateTime.UtcNow.AddDays(60)) },
            DemoDataSeeder.DemoPartnerKey);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("responseCode").GetInt32().Should().Be(4000);
        body.GetRawText().Should().Contain("sendAt");
    }

    [Fact]
    public async Task PartnerSmsSend_WithoutSendAt_NoScheduledFor()
    {
        var (_, body) = await PostAsync("/api/io/SmsSend",
            new { accountId = "riverside", locationId = "dublin", to = "+16145550124", message = "Now." }, DemoDataSeeder.DemoPartnerKey);

        body.TryGetProperty("scheduledFor", out _).Should().BeFalse();
    }
}

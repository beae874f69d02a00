using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Api;

public sealed class IntegrationApiTests(IntegrationApiTests.AppFixture fixture) : IClassFixture<IntegrationApiTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    private HttpClient Client()
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoDataSeeder.DemoIntegrationKey);
        return client;
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(object payload)
    {
        var response = await Client().PostAsync("/api/v1/integration/messages/send",
            new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json"));
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static IEnumerable<string?> Fields(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString());

    [Fact]
    public async Task Send_KnownPatientInlineContent_StoresPendingMessage()
    {
        var (response, body) = await SendAsync(new { providerId = "P-1001", content = "Your appointment is confirmed." });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("status").GetString().Should().Be("Pending");
        body.GetProperty("smsCount").GetInt32().Should().Be(1);
        body.GetProperty("content").GetString().Should().Be("Your appointment is confirmed.");
        body.GetProperty("patientId").GetString().Should().NotBeNullOrEmpty();
        body.GetProperty("sentOn").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Send_And_Get_RunOnTheApisContexts()
    {
        // Every idle context is held here, so the send has to make one, hand it back, and the get has to lend it again.
        var contexts = fixture.Services.GetRequiredService<ApiContexts>();
        var held = new List<ApiContexts.Lease>();
        while (contexts.IdleCount > 0)
        {
            held.Add(await contexts.RentAsync(CancellationToken.None));
        }

        var (response, body) = await SendAsync(new { providerId = "P-1001", content = "Kept statements." });
        var get = await Client().GetAsync($"/api/v1/integration/messages/{body.GetProperty("messageId").GetString()}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        get.StatusCode.Should().Be(HttpStatusCode.OK);
        // SQLite: one context with its connection kept, waiting for the next request; PostgreSQL: the app's pooled contexts.
        contexts.IdleCount.Should().Be(PostgresTestServer.Enabled ? 0 : 1);
        foreach (var lease in held)
        {
            await lease.DisposeAsync();
        }
    }

    [Fact]
    public async Task Send_Template_ResolvesVariablesForThePatient()
    {
        var templates = JsonDocument.Parse(await Client().GetStringAsync("/api/v1/integration/templates")).RootElement;
        var reminder = templates.EnumerateArray().First(t => t.GetProperty("name").GetString() == "Appointment reminder");

        var (response, body) = await SendAsync(new { providerId = "P-1001", practiceTemplateId = reminder.GetProperty("id").GetString() });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("content").GetString().Should().StartWith("Hi Jordan, this is a reminder of your appointment at Riverside Family Medicine");
    }

    [Fact]
    public async Task Send_UnknownPatientWithDetails_CreatesThePatient()
    {
        var (response, body) = await SendAsync(new
        {
            providerId = "P-NEW-1", content = "Welcome to Riverside.", firstName = "Nina", lastName = "Park",
            mobileNumber = "+16145550177", dateOfBirth = "1992-05-06",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var second = await SendAsync(new { providerId = "P-NEW-1", content = "Second text." });
        second.Body.GetProperty("patientId").GetString().Should().Be(body.GetProperty("patientId").GetString());
    }

    [Fact]
    public async Task Send_UnknownPatientWithoutDetails_Answers4000NamingTheFields()
    {
        var (response, body) = await SendAsync(new { providerId = "P-NOBODY", content = "Hello" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("code").GetInt32().Should().Be(4000);
        Fields(body).Should().BeEquivalentTo(["firstName", "lastName", "mobileNumber"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Send_BothOrNeitherOfContentAndTemplate_Answers4000(bool both)
    {
        object payload = both ? new { providerId = "P-1001", content = "Hi", practiceTemplateId = "t" } : new { providerId = "P-1001" };

        var (response, body) = await SendAsync(payload);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Fields(body).Should().Contain("content");
    }

    [Fact]
    public async Task Send_MobileNotE164_Answers4000()
    {
        var (response, body) = await SendAsync(new { providerId = "P-X2", content = "Hi", firstName = "A", lastName = "B", mobileNumber = "6145550123" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Fields(body).Should().Contain("mobileNumber");
    }

    [Fact]
    public async Task Send_UnknownTemplate_Answers4040()
    {
        var (response, body) = await SendAsync(new { providerId = "P-1001", practiceTemplateId = "AAAAAAAAAAAAAAAAAAAAAA" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.GetProperty("code").GetInt32().Should().Be(4040);
    }

    [Fact]
    public async Task GetMessage_OwnMessage_ReturnsIt_UnknownIsNotFound()
    {
        var (_, sent) = await SendAsync(new { providerId = "P-1002", content = "Lab results are in." });
        var id = sent.GetProperty("messageId").GetString();

        var own = await Client().GetAsync($"/api/v1/integration/messages/{id}");
        var unknown = await Client().GetAsync("/api/v1/integration/messages/987654321");

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        var read = JsonDocument.Parse(await own.Content.ReadAsStringAsync()).RootElement;
        read.GetProperty("messageId").GetString().Should().Be(id);
        // UTC, and marked so, like the answer to the send (PostgreSQL keeps microseconds, hence the tolerance).
        foreach (var stamp in new[] { sent.GetProperty("createdAt").GetString()!, read.GetProperty("createdAt").GetString()!, read.GetProperty("updatedAt").GetString()! })
        {
            stamp.Should().EndWith("Z");
        }

        DateTimeOffset.Parse(read.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(DateTimeOffset.Parse(sent.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(1));
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task ListMessages_PagesWithCount_AndCapsPageSize()
    {
        await SendAsync(new { providerId = "P-1001", content = "One" });
        await SendAsync(new { providerId = "P-1001", content = "Two" });

        var page = JsonDocument.Parse(await Client().GetStringAsync("/api/v1/integration/messages?page=1&pageSize=1")).RootElement;
        var tooBig = await Client().GetAsync("/api/v1/integration/messages?page=1&pageSize=500");

        page.GetProperty("data").GetArrayLength().Should().Be(1);
        page.GetProperty("count").GetInt32().Should().BeGreaterThanOrEqualTo(2);
        tooBig.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}

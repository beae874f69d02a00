using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Api;

/// <summary>
/// The Integration API against seed 003 (DESIGN §6): the seed's request bodies posted verbatim, the answers compared
/// field by field (names, JSON types, formats).
/// </summary>
public sealed partial class IntegrationApiSeedTests(IntegrationApiSeedTests.AppFixture fixture) : IClassFixture<IntegrationApiSeedTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    private const string LakesideKey = "vox-test-lakeside";
    private const string ContosoKey = "vox-test-contoso";

    // Seed 003's send example: a new patient, no dateOfBirth.
    private const string SeedNewPatientSend = """
        {
          "providerId": "PAT-10045",
          "firstName": "Maria",
          "lastName": "Lopez",
          "mobileNumber": "+16145550142",
          "content": "Hi Maria, your appointment is confirmed for May 26 at 10:00 AM."
        }
        """;

    private static readonly string[] SendFields = ["messageId", "patientId", "status", "smsCount", "content", "sentOn", "createdAt", "updatedAt"];

    private static readonly string[] MessageFields =
        ["id", "messageId", "patientId", "status", "smsCount", "content", "provider", "errorReason", "sentOn", "deliveredAt", "scheduledFor", "createdAt", "updatedAt"];

    private static readonly string[] ListItemFields = ["id", "content", "status", "smsCount", "patientId", "sentOn", "createdAt", "updatedAt"];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex MillisecondUtc();

    private HttpClient Client(string key = DemoDataSeeder.DemoIntegrationKey)
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string path, string json, string key = DemoDataSeeder.DemoIntegrationKey)
    {
        var response = await Client(key).PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await Client().GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task EnsureKeysAsync()
    {
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        var lakeside = await db.Accounts.SingleAsync(a => a.ExternalId == "lakeside");
        var contoso = await db.Accounts.SingleAsync(a => a.ExternalId == "contoso-main");
        await ApiKeyService.EnsureKeyAsync(db, lakeside.PartnerId, lakeside.Id, ApiKeyScope.Account, "vox-lakeside", LakesideKey, DateTime.UtcNow, CancellationToken.None);
        await ApiKeyService.EnsureKeyAsync(db, contoso.PartnerId, contoso.Id, ApiKeyScope.Account, "vox-contoso", ContosoKey, DateTime.UtcNow, CancellationToken.None);
    }

    private async Task<(int Patients, int Messages, int AuditEntries)> CountsAsync()
    {
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        return (await db.Recipients.CountAsync(), await db.Messages.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private static IEnumerable<string> Names(JsonElement body) => body.EnumerateObject().Select(p => p.Name);

    private static void ShouldBeTimestamp(JsonElement value) =>
        MillisecondUtc().IsMatch(value.GetString()!).Should().BeTrue($"'{value.GetString()}' is a millisecond UTC timestamp");

    private static void ShouldBeOpaqueId(JsonElement value)
    {
        value.ValueKind.Should().Be(JsonValueKind.String);
        value.GetString().Should().NotBeNullOrWhiteSpace().And.NotMatchRegex("^[0-9]+$");
    }

    [Fact]
    public async Task Send_SeedExampleNewPatientWithoutDateOfBirth_AnswersTheSeedShape()
    {
        var (response, body) = await PostAsync("/api/v1/integration/messages/send", SeedNewPatientSend);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        // The consent branch's scheduledFor may join the answer; every other name is the seed's, in its order.
        Names(body).Where(n => n != "scheduledFor").Should().Equal(SendFields);
        ShouldBeOpaqueId(body.GetProperty("messageId"));
        ShouldBeOpaqueId(body.GetProperty("patientId"));
        body.GetProperty("status").GetString().Should().Be("Pending");
        body.GetProperty("smsCount").ValueKind.Should().Be(JsonValueKind.Number);
        body.GetProperty("smsCount").GetInt32().Should().Be(1);
        body.GetProperty("content").GetString().Should().Be("Hi Maria, your appointment is confirmed for May 26 at 10:00 AM.");
        body.GetProperty("sentOn").ValueKind.Should().Be(JsonValueKind.Null);
        ShouldBeTimestamp(body.GetProperty("createdAt"));
        ShouldBeTimestamp(body.GetProperty("updatedAt"));
    }

    [Fact]
    public async Task GetMessage_SentMessage_AnswersTheFullMessageWithProvider()
    {
        var (_, sent) = await PostAsync("/api/v1/integration/messages/send",
            """{ "providerId": "P-1001", "content": "Your results are ready.", "provider": "Dr. Amy Chen" }""");
        var (_, defaulted) = await PostAsync("/api/v1/integration/messages/send", """{ "providerId": "P-1001", "content": "Second." }""");

        var read = await GetAsync($"/api/v1/integration/messages/{sent.GetProperty("messageId").GetString()}");
        var readDefault = await GetAsync($"/api/v1/integration/messages/{defaulted.GetProperty("messageId").GetString()}");

        Names(read).Should().Equal(MessageFields);
        read.GetProperty("id").GetString().Should().Be(sent.GetProperty("messageId").GetString());
        read.GetProperty("messageId").GetString().Should().Be(sent.GetProperty("messageId").GetString());
        read.GetProperty("patientId").GetString().Should().Be(sent.GetProperty("patientId").GetString());
        read.GetProperty("provider").GetString().Should().Be("Dr. Amy Chen");
        readDefault.GetProperty("provider").GetString().Should().Be("vox-demo"); // the key's name
        read.GetProperty("errorReason").ValueKind.Should().Be(JsonValueKind.Null);
        read.GetProperty("deliveredAt").ValueKind.Should().Be(JsonValueKind.Null);
        read.GetProperty("scheduledFor").ValueKind.Should().Be(JsonValueKind.Null);
        read.GetProperty("createdAt").GetString().Should().Be(sent.GetProperty("createdAt").GetString());
        ShouldBeTimestamp(read.GetProperty("updatedAt"));
    }

    [Fact]
    public async Task ListMessages_ItemsAreTheSeedsFields()
    {
        await PostAsync("/api/v1/integration/messages/send", """{ "providerId": "P-1002", "content": "Listed." }""");

        var page = await GetAsync("/api/v1/integration/messages?page=1&pageSize=5");

        Names(page).Should().Equal("data", "count");
        page.GetProperty("count").ValueKind.Should().Be(JsonValueKind.Number);
        var item = page.GetProperty("data").EnumerateArray().First();
        Names(item).Should().Equal(ListItemFields);
        ShouldBeOpaqueId(item.GetProperty("id"));
        ShouldBeOpaqueId(item.GetProperty("patientId"));
        ShouldBeTimestamp(item.GetProperty("createdAt"));
    }

    [Fact]
    public async Task Templates_IdIsAStringThatSendsAsPracticeTemplateId()
    {
        var templates = await GetAsync("/api/v1/integration/templates");
        var template = templates.EnumerateArray().First();
        ShouldBeOpaqueId(template.GetProperty("id"));

        var (response, body) = await PostAsync("/api/v1/integration/messages/send",
            $$"""{ "providerId": "P-1001", "practiceTemplateId": "{{template.GetProperty("id").GetString()}}" }""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("content").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task GetMessage_AnotherAccountsIdOrAMadeUpId_Answers4040()
    {
        await EnsureKeysAsync();
        var (_, sent) = await PostAsync("/api/v1/integration/messages/send", """{ "providerId": "P-1001", "content": "Mine." }""");
        var id = sent.GetProperty("messageId").GetString();

        var foreign = await Client(LakesideKey).GetAsync($"/api/v1/integration/messages/{id}");
        var madeUp = await Client().GetAsync("/api/v1/integration/messages/12");
        var patientIdAsMessage = await Client().GetAsync($"/api/v1/integration/messages/{sent.GetProperty("patientId").GetString()}");

        foreach (var response in new[] { foreign, madeUp, patientIdAsMessage })
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            problem.GetProperty("code").GetInt32().Should().Be(4040);
        }
    }

    [Fact]
    public async Task Send_PartnerWithoutSmsApi_Answers4015BeforeValidationAndWritesNothing()
    {
        await EnsureKeysAsync();
        var before = await CountsAsync();

        // Invalid (no providerId, both content and template) and a new patient: 4015 still comes first.
        var (invalid, invalidBody) = await PostAsync("/api/v1/integration/messages/send",
            """{ "content": "Hi", "practiceTemplateId": "nope" }""", ContosoKey);
        var (seed, seedBody) = await PostAsync("/api/v1/integration/messages/send", SeedNewPatientSend, ContosoKey);

        invalid.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        invalidBody.GetProperty("code").GetInt32().Should().Be(4015);
        seed.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        seedBody.GetProperty("detail").GetString().Should().Be("Unauthorized - API not enabled for the request's access rights.");
        (await CountsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Send_BlockedContentForNewPatient_Answers4045WithEveryFindingAndWritesNothing()
    {
        var before = await CountsAsync();
        const string content = "Refill discount 20% off! bit.ly/x";

        var (response, body) = await PostAsync("/api/v1/integration/messages/send",
            $$"""{ "providerId": "PAT-BLOCKED", "firstName": "Ann", "lastName": "Lee", "mobileNumber": "+16145550143", "content": "{{content}}" }""");
        var (_, preview) = await PostAsync("/api/v1/integration/messages/preview", $$"""{ "content": "{{content}}" }""");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        body.GetProperty("code").GetInt32().Should().Be(4045);
        var findings = body.GetProperty("findings").EnumerateArray().ToList();
        findings.Should().AllSatisfy(f => Names(f).Should().Equal("rule", "text", "message"));
        findings.Select(f => f.GetProperty("rule").GetString()).Should().Equal("url-shortener", "rx-promotion");
        findings[0].GetProperty("text").GetString().Should().Be("bit.ly");
        var previewed = preview.GetProperty("blocked").EnumerateArray().Concat(preview.GetProperty("warnings").EnumerateArray())
            .Select(f => (f.GetProperty("rule").GetString(), f.GetProperty("text").GetString(), f.GetProperty("message").GetString()));
        findings.Select(f => (f.GetProperty("rule").GetString(), f.GetProperty("text").GetString(), f.GetProperty("message").GetString()))
            .Should().Equal(previewed);
        (await CountsAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("/api/v1/integration/nothing-here")]
    [InlineData("/api/io/NoSuchMethod")]
    [InlineData("/api/unknown")]
    public async Task UnknownApiRoute_AnswersProblemDetails4040(string path)
    {
        var response = await Client().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetInt32().Should().Be(4040);
    }
}

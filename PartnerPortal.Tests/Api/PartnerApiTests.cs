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

public sealed class PartnerApiTests(PartnerApiTests.AppFixture fixture) : IClassFixture<PartnerApiTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string path, string json, string key = DemoDataSeeder.DemoPartnerKey,
        string? idempotencyKey = null)
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (idempotencyKey is not null)
        {
            client.DefaultRequestHeaders.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response, body);
    }

    private static string Send(string account, string? location, string to, string message) =>
        JsonSerializer.Serialize(new { accountId = account, locationId = location, to, message });

    private async Task<int> MessageCountAsync(string externalId)
    {
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        return await db.Messages.CountAsync(m => m.Account.ExternalId == externalId);
    }

    private static void ShouldBe(JsonElement body, int code)
    {
        body.GetProperty("responseCode").GetInt32().Should().Be(code);
        body.GetProperty("successful").GetBoolean().Should().Be(code == 2000);
        body.GetProperty("responseMessage").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task SmsSend_ApprovedLocation_Answers2000WithPendingMessage()
    {
        var (response, body) = await PostAsync("/api/io/SmsSend", Send("riverside", "dublin", "+16145550123", "Your appointment is tomorrow at 9."));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ShouldBe(body, 2000);
        body.GetProperty("messageId").GetInt64().Should().BePositive();
        body.GetProperty("smsCount").GetInt32().Should().Be(1);
        body.GetProperty("status").GetString().Should().Be("Pending");
    }

    [Fact]
    public async Task SmsSend_PartnerWithoutSmsApi_Answers4015()
    {
        var (response, body) = await PostAsync("/api/io/SmsSend", Send("contoso-main", null, "+12065550123", "Hello"), DemoDataSeeder.DemoContosoKey);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        ShouldBe(body, 4015);
        body.GetProperty("responseMessage").GetString().Should().Be("Unauthorized - API not enabled for the request's access rights.");
    }

    [Fact]
    public async Task SmsSend_PendingLocation_Answers4035()
    {
        var (response, body) = await PostAsync("/api/io/SmsSend", Send("riverside", "columbus", "+16145550123", "Hello"));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        ShouldBe(body, 4035);
        body.GetProperty("responseMessage").GetString().Should().Be("SMS number not verified; verification has been requested.");
    }

    [Fact]
    public async Task SmsSend_IncompleteAccount_Answers4039WithMissingFields()
    {
        var (response, body) = await PostAsync("/api/io/SmsSend", Send("lakeside", null, "+16145550123", "Hello"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ShouldBe(body, 4039);
        body.GetProperty("responseMessage").GetString().Should().Be("On file account business information is insufficient for verification");
        var missing = body.GetProperty("missingFields").EnumerateArray().ToList();
        missing.Should().ContainSingle(f => f.GetProperty("field").GetString() == "address1"
            && f.GetProperty("source").GetString() == "account" && f.GetProperty("reason").GetString() == "missing");
    }

    [Fact]
    public async Task SmsSend_AnotherPartnersAccount_Answers4040AndStoresNothing()
    {
        var before = await MessageCountAsync("contoso-main");

        var (response, body) = await PostAsync("/api/io/SmsSend", Send("contoso-main", null, "+12065550123", "Hello"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        ShouldBe(body, 4040);
        (await MessageCountAsync("contoso-main")).Should().Be(before);
    }

    [Fact]
    public async Task SmsSend_UnknownLocation_Answers4040()
    {
        var (response, body) = await PostAsync("/api/io/SmsSend", Send("riverside", "nowhere", "+16145550123", "Hello"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        ShouldBe(body, 4040);
    }

    [Fact]
    public async Task SmsSend_UrlShortener_Answers4045()
    {
        var (response, body) = await PostAsync("/api/io/SmsSend", Send("riverside", "dublin", "+16145550123", "See bit.ly/x"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ShouldBe(body, 4045);
        body.GetProperty("responseMessage").GetString().Should().Contain("bit.ly");
    }

    [Fact]
    public async Task SmsSend_OptedOutRecipient_Answers4050()
    {
        var (response, body) = await PostAsync("/api/io/SmsSend", Send("riverside", "dublin", "+16145550000", "Hello"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ShouldBe(body, 4050);
        body.GetProperty("responseMessage").GetString().Should().Contain("START");
    }

    [Theory]
    [InlineData("{\"accountId\":\"riverside\",\"to\":\"614-555-0123\",\"message\":\"Hi\"}", "to")]
    [InlineData("{\"accountId\":\"riverside\",\"to\":\"+16145550123\"}", "message")]
    [InlineData("{\"to\":\"+16145550123\",\"message\":\"Hi\"}", "accountId")]
    [InlineData("{\"accountId\":42,\"to\":\"+16145550123\",\"message\":\"Hi\"}", "accountId")]
    [InlineData("{\"accountId\":\"riverside\",", "body")]
    public async Task SmsSend_BadInput_Answers4000NamingTheField(string json, string field)
    {
        var (response, body) = await PostAsync("/api/io/SmsSend", json);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ShouldBe(body, 4000);
        body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Should().Contain(field);
    }

    [Fact]
    public async Task SmsSend_OverTenSegments_Answers4000()
    {
        var (response, body) = await PostAsync("/api/io/SmsSend", Send("riverside", "dublin", "+16145550123", new string('a', 1600)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ShouldBe(body, 4000);
        body.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("content");
    }

    [Fact]
    public async Task SmsSendNumberList_Riverside_ListsEveryLocationWithStatus()
    {
        var (response, body) = await PostAsync("/api/io/SmsSendNumberList", """{"accountId":"riverside"}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ShouldBe(body, 2000);
        var numbers = body.GetProperty("numbers").EnumerateArray()
            .ToDictionary(n => n.GetProperty("locationId").GetString()!, n => n);
        numbers["dublin"].GetProperty("status").GetString().Should().Be("Approved");
        numbers["dublin"].GetProperty("number").GetString().Should().Be("+12195550114");
        numbers["ann-arbor"].GetProperty("locationName").GetString().Should().Be("Ann Arbor (Northern Office)");
        numbers["columbus"].GetProperty("status").GetString().Should().Be("Pending");
        numbers["worthington"].GetProperty("kind").GetString().Should().Be("Location");
        numbers.Should().ContainKey("powell");
    }

    [Fact]
    public async Task SmsSend_ConcurrentIdenticalIdempotentRequests_StoreOneMessage()
    {
        var before = await MessageCountAsync("riverside");
        var json = Send("riverside", "worthington", "+16145550124", "Idempotent hello");

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync("/api/io/SmsSend", json, idempotencyKey: "same-key-1")));

        (await MessageCountAsync("riverside")).Should().Be(before + 1);
        answers.Select(a => a.Body.GetProperty("messageId").GetInt64()).Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task SmsSend_SameIdempotencyKeyOtherBody_Answers4090()
    {
        await PostAsync("/api/io/SmsSend", Send("riverside", "worthington", "+16145550124", "First"), idempotencyKey: "same-key-2");

        var (response, body) = await PostAsync("/api/io/SmsSend", Send("riverside", "worthington", "+16145550124", "Second"), idempotencyKey: "same-key-2");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        ShouldBe(body, 4090);
    }

    [Fact]
    public async Task PartnerApi_MissingKey_Answers4010Envelope()
    {
        var client = fixture.CreateClient();

        var response = await client.PostAsync("/api/io/SmsSendNumberList", new StringContent("""{"accountId":"riverside"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        ShouldBe(body, 4010);
    }

    [Fact]
    public async Task SmsSendNumberList_PartnerWithoutSmsApi_Answers4015()
    {
        var (response, body) = await PostAsync("/api/io/SmsSendNumberList", """{"accountId":"contoso-main"}""", DemoDataSeeder.DemoContosoKey);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        ShouldBe(body, 4015);
        body.TryGetProperty("numbers", out _).Should().BeFalse();
    }

    [Fact]
    public async Task SmsSend_PartnerWithoutSmsApi_Answers4015BeforeValidationAndNotFound()
    {
        var (invalid, invalidBody) = await PostAsync("/api/io/SmsSend", """{"to":"123"}""", DemoDataSeeder.DemoContosoKey);
        var (unknown, unknownBody) = await PostAsync("/api/io/SmsSend", Send("no-such-account", null, "+12065550123", "Hello"), DemoDataSeeder.DemoContosoKey);

        invalid.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        ShouldBe(invalidBody, 4015);
        unknown.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        ShouldBe(unknownBody, 4015);
    }

    [Fact]
    public async Task SmsMessageGet_SentMessage_AnswersStatusAndTimes()
    {
        var (_, sent) = await PostAsync("/api/io/SmsSend", Send("riverside", "dublin", "+16145550123", "Your appointment is tomorrow at 9."));
        var messageId = sent.GetProperty("messageId").GetInt64();

        var (response, body) = await PostAsync("/api/io/SmsMessageGet", $$"""{"messageId":{{messageId}}}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ShouldBe(body, 2000);
        body.GetProperty("messageId").GetInt64().Should().Be(messageId);
        body.GetProperty("status").GetString().Should().Be("Pending");
        body.GetProperty("errorReason").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("sentAt").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("deliveredAt").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("smsCount").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task SmsMessageGet_UnknownOrAnotherPartnersMessage_Answers4040_MissingId4000()
    {
        var (_, sent) = await PostAsync("/api/io/SmsSend", Send("riverside", "dublin", "+16145550123", "Hello"));
        var messageId = sent.GetProperty("messageId").GetInt64();
        await using (var db = await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync())
        {
            var contoso = await db.Partners.SingleAsync(p => p.Slug == "contoso-health");
            contoso.SmsApiEnabled = true; // so the refusal below is about the message, not the activation
            await db.SaveChangesAsync();
        }

        try
        {
            var (foreign, foreignBody) = await PostAsync("/api/io/SmsMessageGet", $$"""{"messageId":{{messageId}}}""", DemoDataSeeder.DemoContosoKey);
            var (unknown, unknownBody) = await PostAsync("/api/io/SmsMessageGet", """{"messageId":987654321}""");
            var (missing, missingBody) = await PostAsync("/api/io/SmsMessageGet", "{}");

            foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
            ShouldBe(foreignBody, 4040);
            unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
            ShouldBe(unknownBody, 4040);
            missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            ShouldBe(missingBody, 4000);
        }
        finally
        {
            await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
            var contoso = await db.Partners.SingleAsync(p => p.Slug == "contoso-health");
            contoso.SmsApiEnabled = false;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task SmsSend_BlockedContent_Answers4045WithEveryFinding()
    {
        var (response, body) = await PostAsync("/api/io/SmsSend", Send("riverside", "dublin", "+16145550123", "Get CBD at bit.ly/x"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ShouldBe(body, 4045);
        var findings = body.GetProperty("findings").EnumerateArray().ToList();
        findings.Select(f => f.GetProperty("rule").GetString()).Should().Equal("url-shortener", "cannabis");
        findings.Select(f => f.GetProperty("text").GetString()).Should().Equal("bit.ly", "CBD");
        findings.Should().AllSatisfy(f => f.GetProperty("message").GetString().Should().NotBeNullOrEmpty());
    }
}

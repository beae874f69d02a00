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

/// <summary><c>practicePhone</c> in <c>PracticeSave/1.1</c>, and a deactivated account's sends through the Partner API.</summary>
public sealed class PracticePhoneApiTests(PracticePhoneApiTests.AppFixture fixture) : IClassFixture<PracticePhoneApiTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string path, object payload)
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoDataSeeder.DemoPartnerKey);
        var response = await client.PostAsync(path, new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json"));
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task PracticeSave11_PracticePhone_StoredInE164()
    {
        var (response, _) = await PostAsync("/api/io/PracticeSave/1.1", new
        {
            accountId = "phone-1", name = "Phone Clinic", address1 = "1 Main St", city = "Columbus", state = "OH", postalCode = "43215",
            countryCode = "US", websiteUrl = "https://www.phone-1.example", practicePhone = "(614) 555-0177",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        (await db.Accounts.SingleAsync(a => a.ExternalId == "phone-1")).PracticePhone.Should().Be("+16145550177");
    }

    [Fact]
    public async Task PracticeSave11_InvalidPracticePhone_4000NamingTheField()
    {
        var (response, body) = await PostAsync("/api/io/PracticeSave/1.1", new { accountId = "phone-2", name = "Phone Clinic", practicePhone = "12" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Should().Equal("practicePhone");
    }

    [Fact]
    public async Task SmsSend_DeactivatedAccount_4070()
    {
        await PostAsync("/api/io/PracticeSave/1.1", new
        {
            accountId = "closed-1", name = "Closed Clinic", address1 = "1 Main St", city = "Columbus", state = "OH", postalCode = "43215",
            countryCode = "US", websiteUrl = "https://www.closed-1.example",
        });
        await using (var db = await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync())
        {
            await db.Accounts.Where(a => a.ExternalId == "closed-1").ExecuteUpdateAsync(s => s.SetProperty(a => a.DeactivatedAt, DateTime.UtcNow));
        }

        var (response, body) = await PostAsync("/api/io/SmsSend", new { accountId = "closed-1", to = "+16145550123", message = "Hello" });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        body.GetProperty("responseCode").GetInt32().Should().Be(4070);
        body.GetProperty("responseMessage").GetString().Should().Be("This account is deactivated and cannot send texts; a partner admin can reactivate it.");
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Api;

public sealed class PracticeApiTests(PracticeApiTests.AppFixture fixture) : IClassFixture<PracticeApiTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string path, object payload, string key = DemoDataSeeder.DemoPartnerKey)
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await client.PostAsync(path, new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json"));
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private async Task<Account?> FindAsync(string externalId)
    {
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        return await db.Accounts.Include(a => a.Locations).Include(a => a.Partner).FirstOrDefaultAsync(a => a.ExternalId == externalId);
    }

    private static object Practice(string id, string? address1 = "10 Oak Street", string? websiteUrl = null) => new
    {
        accountId = id, name = $"{id} Clinic", address1, city = "Columbus", state = "OH", postalCode = "43215", countryCode = "US", websiteUrl,
    };

    [Fact]
    public async Task PracticeCreate11_CompletePractice_CreatesAccountWithDefaultLocationAndReportsComplete()
    {
        var (response, body) = await PostAsync("/api/io/PracticeCreate/1.1", Practice("api-new-1", websiteUrl: "https://www.api-new-1.example"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("responseCode").GetInt32().Should().Be(2000);
        body.GetProperty("smsBusinessDetails").GetProperty("complete").GetBoolean().Should().BeTrue();
        var account = await FindAsync("api-new-1");
        account!.CreatedThrough.Should().Be(CreatedThrough.Api11);
        account.WebsiteUrl.Should().Be("https://www.api-new-1.example");
        account.Locations.Should().ContainSingle(l => l.ExternalId == "default" && l.IsDefault);
        account.Partner.Slug.Should().Be("northwind-ehr");
    }

    [Fact]
    public async Task PracticeCreate_UnversionedWithoutStreetAddress_CreatesIncompleteAccountWhoseSendsAnswer4039()
    {
        var (response, body) = await PostAsync("/api/io/PracticeCreate", Practice("api-nostreet", address1: null));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var details = body.GetProperty("smsBusinessDetails");
        details.GetProperty("complete").GetBoolean().Should().BeFalse();
        details.GetProperty("missingFields").EnumerateArray().Should().Contain(f =>
            f.GetProperty("field").GetString() == "address1" && f.GetProperty("source").GetString() == "account" && f.GetProperty("reason").GetString() == "missing");

        var (sendResponse, send) = await PostAsync("/api/io/SmsSend", new { accountId = "api-nostreet", to = "+16145550123", message = "Hello" });
        sendResponse.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        send.GetProperty("responseCode").GetInt32().Should().Be(4039);
    }

    [Fact]
    public async Task PracticeSave_Unversioned_LeavesWebsitesUntouched_11ChangesThem()
    {
        await PostAsync("/api/io/PracticeCreate/1.1", Practice("api-web", websiteUrl: "https://www.first.example"));

        await PostAsync("/api/io/PracticeSave", new { accountId = "api-web", name = "Renamed Clinic", address1 = "10 Oak Street", city = "Columbus", state = "OH", postalCode = "43215", countryCode = "US", websiteUrl = "https://ignored.example" });
        var afterUnversioned = await FindAsync("api-web");
        await PostAsync("/api/io/PracticeSave/1.1", Practice("api-web", websiteUrl: "https://www.second.example"));
        var after11 = await FindAsync("api-web");

        afterUnversioned!.BusinessName.Should().Be("Renamed Clinic");
        afterUnversioned.WebsiteUrl.Should().Be("https://www.first.example");
        after11!.WebsiteUrl.Should().Be("https://www.second.example");
    }

    [Fact]
    public async Task PracticeUpdate_UnknownAccount_Answers4040()
    {
        var (response, body) = await PostAsync("/api/io/PracticeUpdate", Practice("does-not-exist"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.GetProperty("responseCode").GetInt32().Should().Be(4040);
        (await FindAsync("does-not-exist")).Should().BeNull();
    }

    [Fact]
    public async Task PracticeCreate_ExistingAccount_Answers4000OnAccountId()
    {
        var (response, body) = await PostAsync("/api/io/PracticeCreate", Practice("riverside"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("accountId");
        (await FindAsync("riverside"))!.BusinessName.Should().Be("Riverside Family Medicine");
    }

    [Fact]
    public async Task PracticeUpdate_OtherPartnersAccountId_IsNotFoundAndChangesNothing()
    {
        var (response, body) = await PostAsync("/api/io/PracticeUpdate", Practice("contoso-main"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.GetProperty("responseCode").GetInt32().Should().Be(4040);
        (await FindAsync("contoso-main"))!.BusinessName.Should().Be("Contoso Main Street Clinic");
    }

    [Theory]
    [InlineData("state", "ZZ")]
    [InlineData("postalCode", "ABCDE")]
    [InlineData("countryCode", "USA")]
    public async Task PracticeSave_InvalidField_Answers4000NamingItAndKeepsStoredValues(string field, string value)
    {
        var payload = new Dictionary<string, string?>
        {
            ["accountId"] = "maple", ["name"] = "Maple Street Clinic", ["address1"] = "88 Maple Street", ["city"] = "Toledo",
            ["state"] = "OH", ["postalCode"] = "43604", ["countryCode"] = "US",
        };
        payload[field] = value;

        var (response, body) = await PostAsync("/api/io/PracticeSave", payload);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("responseCode").GetInt32().Should().Be(4000);
        body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Should().Contain(field);
        var maple = await FindAsync("maple");
        maple!.State.Should().Be("OH");
        maple.PostalCode.Should().Be("43604");
    }

    [Fact]
    public async Task PracticeCreate_MissingName_Answers4000OnName()
    {
        var (response, body) = await PostAsync("/api/io/PracticeCreate", new { accountId = "api-noname" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("name");
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

public sealed partial class AuditLogExportTests(AuditLogExportTests.AppFixture fixture) : IClassFixture<AuditLogExportTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    private HttpClient NewClient() => fixture.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task WriteEntryAsync(string partnerSlug, string summary)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        var partnerId = await db.Partners.Where(p => p.Slug == partnerSlug).Select(p => p.Id).SingleAsync();
        var auditLog = scope.ServiceProvider.GetRequiredService<AuditLog>();
        auditLog.Add(db, PartnerPortal.Domain.Tenancy.Actor.System("Test"), new AuditRecord("test.exported_entry", "Thing", null, summary, partnerId));
        await auditLog.SaveChangesAsync(db, CancellationToken.None);
        await db.DisposeAsync();
    }

    [Fact]
    public async Task Export_Anonymous_RedirectsToLogin()
    {
        var response = await NewClient().GetAsync("/audit-log/export.csv");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task Export_PartnerAdmin_DownloadsItsFilteredEntriesAsCsv()
    {
        await WriteEntryAsync("northwind-ehr", "=Northwind entry, exported");
        await WriteEntryAsync("contoso-health", "Contoso entry");
        var client = NewClient();
        await PostLoginAsync(client, "admin@northwind.test");

        var response = await client.GetAsync("/audit-log/export.csv?action=test.exported_entry");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().StartWith("Id,Occurred At (UTC),");
        lines[1].Should().Contain("\"'=Northwind entry, exported\"");
    }

    [Fact]
    public async Task Export_PracticeStaff_IsDenied()
    {
        var client = NewClient();
        await PostLoginAsync(client, "staff@riverside.test");

        var response = await client.GetAsync("/audit-log/export.csv");

        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
        response.Headers.Location?.ToString().Should().Contain("AccessDenied");
    }

    [Fact]
    public async Task Login_RecordsTheLastSignIn()
    {
        var before = DateTime.UtcNow.AddSeconds(-5);
        await PostLoginAsync(NewClient(), "support@northwind.test");

        using var scope = fixture.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("support@northwind.test");
        user!.LastSignInAt.Should().NotBeNull().And.BeOnOrAfter(before);
    }

    private static async Task PostLoginAsync(HttpClient client, string email)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var token = TokenPattern().Match(page).Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = DemoDataSeeder.DemoPassword,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().NotContain("Login");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

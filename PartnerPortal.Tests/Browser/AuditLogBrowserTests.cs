using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AuditLogBrowserTests(BrowserFixture fixture)
{
    private async Task<string> AddNorthwindSupportAgentAsync()
    {
        var email = $"agent-{Guid.NewGuid():N}"[..14] + "@northwind.test";
        using var scope = fixture.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync("admin@northwind.test");
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Audit Target", PartnerId = admin!.PartnerId };
        (await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, PortalRoles.SupportAgent)).Succeeded.Should().BeTrue();
        return email;
    }

    [SkippableFact]
    public async Task ChangeRole_PartnerAdmin_FindsTheChangeInTheAuditLogWithBeforeAndAfter()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var email = await AddNorthwindSupportAgentAsync();
        var page = await fixture.SignInAsync("admin@northwind.test");

        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Expect(page.GetByTestId("users-page")).ToHaveAttributeAsync("data-interactive", "true");
        await page.GetByTestId($"change-role-{email}").ClickAsync();
        await page.GetByTestId("role-PartnerAdmin").ClickAsync();
        await page.GetByTestId("change-role-submit").ClickAsync();
        var userRow = page.Locator("tr", new() { Has = page.GetByTestId("user-email").GetByText(email, new() { Exact = true }) });
        await Expect(userRow.GetByTestId("user-role")).ToHaveTextAsync("Partner Admin");

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit Log" }).ClickAsync();
        await Expect(page.GetByTestId("audit-log-page")).ToHaveAttributeAsync("data-interactive", "true");
        var entryRow = page.Locator("tr", new() { Has = page.GetByText($"Role of {email} changed from SupportAgent to PartnerAdmin") });
        await Expect(entryRow.GetByTestId("entry-action")).ToHaveTextAsync("user.role_changed");
        await entryRow.Locator("[data-testid^='expand-']").ClickAsync();
        var roleChange = page.GetByTestId("change-row").Filter(new() { HasText = "Role" });
        await Expect(roleChange.GetByTestId("change-before")).ToHaveTextAsync("SupportAgent");
        await Expect(roleChange.GetByTestId("change-after")).ToHaveTextAsync("PartnerAdmin");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task ExportCsv_PartnerAdmin_DownloadsACsvFile()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync("admin@northwind.test");
        await page.GotoAsync("/audit-log");
        await Expect(page.GetByTestId("audit-log-page")).ToHaveAttributeAsync("data-interactive", "true");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());

        download.SuggestedFilename.Should().StartWith("audit-log-").And.EndWith(".csv");
        var content = await File.ReadAllTextAsync((await download.PathAsync())!);
        content.TrimStart('\uFEFF').Should().StartWith("Id,Occurred At (UTC),Actor Kind,Actor Id,Actor,");
        await page.Context.CloseAsync();
    }
}

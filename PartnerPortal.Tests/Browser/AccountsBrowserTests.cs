using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AccountsBrowserTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task NorthwindAdmin_EditsContactPhone_ThenFindsLakesideMissingItsStreetAddress()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync("admin@northwind.test");

        // Business Details: edit the contact phone as people type it. (A full load: a link clicked while the
        // circuit of the sign-in page is still starting could leave the page static.)
        await page.GotoAsync("/business-details");
        await Expect(page.GetByTestId("business-details-table")).ToBeVisibleAsync();
        await page.GetByTestId("edit-business-details").ClickAsync();
        await page.GetByLabel("Contact Phone").FillAsync("(614) 555-0188");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByText("Successfully edited Business Details for northwind-ehr")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("business-details-contact-phone")).ToHaveTextAsync("+16145550188");
        await Expect(page.GetByTestId("business-details-last-updated-at")).ToHaveTextAsync("less than a minute ago");

        // Accounts: filter to Incomplete and find Lakeside Pediatrics.
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("account-link").First).ToBeVisibleAsync();
        await page.GetByTestId("sms-filter").GetByText("Incomplete", new() { Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/accounts\?sms=Incomplete$"));
        await Expect(page.GetByTestId("account-link").Filter(new() { HasText = "Riverside Family Medicine" })).ToHaveCountAsync(0);
        var lakeside = page.GetByTestId("account-link").Filter(new() { HasText = "Lakeside Pediatrics" });
        await Expect(lakeside).ToBeVisibleAsync();

        // The account page names the missing street address.
        await lakeside.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/accounts/\d+$"));
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("Lakeside Pediatrics");
        var problem = page.GetByTestId("problem-address1");
        await Expect(problem).ToContainTextAsync("Street Address");
        await Expect(problem).ToContainTextAsync("Missing");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task NorthwindSupport_ExportsIncompleteAccounts_CsvListsTheirMissingFields()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync("support@northwind.test");

        await page.GotoAsync("/accounts?sms=Incomplete");
        await Expect(page.GetByTestId("account-link").Filter(new() { HasText = "Lakeside Pediatrics" })).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());

        var path = await download.PathAsync();
        var lines = await File.ReadAllLinesAsync(path);
        lines[0].Should().Contain("Missing Fields");
        lines.Should().Contain(line => line.StartsWith("lakeside,Lakeside Pediatrics,") && line.Contains("Street Address (missing)"));
        lines.Should().NotContain(line => line.StartsWith("riverside,"));
        await page.Context.CloseAsync();
    }
}

using Microsoft.Playwright;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task Reports_NorthwindAdmin_SeesDemoHistoryPerAccountAndMonth()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync("admin@northwind.test");

        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();

        await Expect(page.GetByTestId("report-table")).ToContainTextAsync("Columbus Cardiology");
        await Expect(page.GetByTestId("report-table")).Not.ToContainTextAsync("Contoso");
        await Expect(page.GetByTestId("report-chart").Locator("svg").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task PhiDirective_SupportAgent_ReadsWithoutForm()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync("support@northwind.test");

        await page.GetByRole(AriaRole.Link, new() { Name = "PHI Directive" }).ClickAsync();

        await Expect(page.GetByTestId("phi-explanation")).ToContainTextAsync("days is redacted.");
        await Expect(page.GetByTestId("phi-read-only")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}

using Microsoft.Playwright;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class HomeBrowserTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task SignIn_NorthwindAdmin_SeesHomeCounts()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        var page = await fixture.SignInAsync("admin@northwind.test");

        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Avery Admin (Northwind)");
        await Expect(page.GetByTestId("home-scope")).ToHaveTextAsync("Northwind EHR");
        // Demo data: Lakeside (no street address), Hilltop is complete via the partner website, 12 of the 24 more are
        // incomplete in one way each (4 x missing ZIP, invalid state, URL without scheme).
        await Expect(page.GetByTestId("count-incomplete-value")).ToHaveTextAsync("13");
        await Expect(page.GetByTestId("count-pending-numbers-value")).ToHaveTextAsync("1");
        await page.Context.CloseAsync();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPortal.Data;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Browser;

/// <summary>
/// The number lifecycle end to end. Needs the account page (<c>/accounts/{id}</c>) to place
/// <c>&lt;SmsNumbersSection AccountId="..." /&gt;</c>, which another branch builds: run after the merge.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NumberVerificationBrowserTests(BrowserFixture fixture)
{
    [SkippableFact]
    [Trait("NeedsAccountPage", "true")]
    public async Task AddNumber_AdminRequestsOperatorApproves_BadgeReadsApprovedWithNumber()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        int riversideId;
        await using (var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync())
        {
            riversideId = await db.Accounts.Where(a => a.ExternalId == "riverside").Select(a => a.Id).SingleAsync();
        }

        var admin = await fixture.SignInAsync("admin@northwind.test");
        await admin.GotoAsync($"/accounts/{riversideId}");
        // The section is prerendered; its buttons work once the circuit has rendered it.
        await Expect(admin.GetByTestId("sms-numbers")).ToHaveAttributeAsync("data-interactive", "true");
        var powell = admin.GetByTestId("sms-number-powell");
        await Expect(powell).ToContainTextAsync("No Number");
        await powell.GetByTestId("add-number").ClickAsync();
        await Expect(powell).ToContainTextAsync("SMS Pending");
        await Expect(powell).ToContainTextAsync("Number Pending");

        var operatorPage = await fixture.SignInAsync("operator@vendor.test");
        await operatorPage.GotoAsync("/account-verification");
        var request = operatorPage.Locator("tr")
            .Filter(new LocatorFilterOptions { Has = operatorPage.GetByTestId("verification-account-riverside") })
            .Filter(new LocatorFilterOptions { HasText = "Powell" })
            .Filter(new LocatorFilterOptions { Has = operatorPage.GetByTestId("approve") });
        await Expect(request).ToHaveCountAsync(1);
        await request.GetByTestId("approve").ClickAsync();
        await Expect(operatorPage.Locator("tr")
            .Filter(new LocatorFilterOptions { Has = operatorPage.GetByTestId("verification-account-riverside") })
            .Filter(new LocatorFilterOptions { HasText = "Powell" })
            .First.GetByTestId("verification-status")).ToHaveTextAsync("Approved");

        await admin.ReloadAsync();
        powell = admin.GetByTestId("sms-number-powell");
        await Expect(powell.GetByTestId("sms-badge")).ToHaveTextAsync("SMS Approved");
        await Expect(powell.GetByTestId("sms-number")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\(\d{3}\) 555-\d{4}"));
        await Expect(powell.GetByTestId("sms-number-e164")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\+1\d{10}$"));

        await admin.Context.CloseAsync();
        await operatorPage.Context.CloseAsync();
    }
}

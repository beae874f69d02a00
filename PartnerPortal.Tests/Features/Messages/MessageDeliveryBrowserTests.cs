using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPortal.Infrastructure.Delivery;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Features.Messages;

/// <summary>
/// The demo lifecycle in the browser: a text sent from the dialog is posted by the dispatcher to the built-in
/// simulated provider (a real endpoint of the app on Kestrel), which reports DELIVERED through the signed status
/// callback; the message page shows Delivered. The test app's dispatcher loop is off, so the test runs one pass itself.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MessageDeliveryBrowserTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task DemoSend_DispatchedToSimulatedProvider_MessagePageShowsDelivered()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync("staff@riverside.test");

        await page.ClickAsync("[data-testid=send-text-button]");
        var dialog = page.Locator(".mud-dialog");
        await SendDialogSteps.ChooseRecipientAsync(page, dialog, "Maria", "Maria Gonzalez");
        await Expect(dialog.Locator("[data-testid=recipient-details]")).ToBeVisibleAsync();
        await dialog.Locator("input[data-testid=send-from]").ClickAsync();
        await page.Locator("[role=option]", new() { HasText = "Dublin" }).ClickAsync();
        await dialog.Locator("textarea[data-testid=message-input]").FillAsync("Riverside: your lab visit is confirmed for Friday at 8am.");
        await dialog.Locator("[data-testid=send-button]").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        var row = page.Locator("[data-testid=account-messages] tbody tr", new() { HasText = "Maria Gonzalez" }).First;
        await Expect(row.Locator("[data-testid=message-status]")).ToHaveTextAsync("Pending");

        var summary = await fixture.App.Services.GetRequiredService<MessageDispatcher>().DispatchDueAsync(DateTime.UtcNow);
        await row.Locator("[data-testid=message-link]").ClickAsync();
        // The account's message list may show other messages' statuses too (other browser tests share the app): wait for the message page.
        await Expect(page.Locator("[data-testid=message-timeline]")).ToBeVisibleAsync();

        summary.Sent.Should().BeGreaterThanOrEqualTo(1);
        await Expect(page.Locator("[data-testid=message-status]")).ToHaveTextAsync("Delivered", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-testid=message-timeline]")).ToContainTextAsync("Attempt 1: accepted by the provider");
        await Expect(page.Locator("[data-testid=message-timeline]")).ToContainTextAsync("Reported by the SMS provider");
    }
}

using Microsoft.Playwright;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Features.SendText;

/// <summary>The Send dialog with the keyboard alone (WCAG 2.1.1): it opens with Enter, Escape closes it, Tab moves through
/// recipient, location, message and Send in that order, and Enter on Send sends.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SendTextKeyboardBrowserTests(BrowserFixture fixture)
{
    private static Task<string?> FocusedTestIdAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-testid')");

    private static async Task OpenWithEnterAsync(IPage page)
    {
        await page.GetByTestId("send-text-button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".mud-dialog input[data-testid=send-from]")).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task SendDialog_Escape_ClosesItAndFocusStaysOnThePage()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync("staff@riverside.test");
        await OpenWithEnterAsync(page);
        (await page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('.mud-dialog-container')")).Should().BeTrue("focus moves into the dialog");

        await page.Keyboard.PressAsync("Escape");

        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task SendDialog_KeyboardOnly_TabOrderIsRecipientLocationMessageSend_EnterSends()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync("staff@riverside.test");
        await OpenWithEnterAsync(page);
        var dialog = page.Locator(".mud-dialog");

        var order = new List<string>();
        for (var i = 0; i < 25 && !order.Contains("send-button"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await FocusedTestIdAsync(page) is { } id && !order.Contains(id) && id is "send-to" or "send-from" or "message-input" or "send-button")
            {
                order.Add(id);
            }
        }

        order.Should().Equal("send-to", "send-from", "message-input", "send-button");

        // Recipient: type, pick the suggestion with the arrow keys and Enter.
        await dialog.Locator("input[data-testid=send-to]").FocusAsync();
        await page.Keyboard.TypeAsync("Jordan");
        await Expect(page.Locator("[data-testid=recipient-option]", new() { HasText = "Jordan Ellis" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.Locator("[data-testid=recipient-details]")).ToBeVisibleAsync();

        // Location: open the list with Enter, move with the arrow keys, choose with Enter.
        var sendFrom = dialog.Locator("input[data-testid=send-from]");
        var placeholder = await sendFrom.InputValueAsync();
        for (var i = 0; i < 6 && await sendFrom.InputValueAsync() == placeholder; i++)
        {
            await sendFrom.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            for (var down = 0; down <= i; down++)
            {
                await page.Keyboard.PressAsync("ArrowDown");
            }

            await page.Keyboard.PressAsync("Enter");
        }

        (await sendFrom.InputValueAsync()).Should().NotBe(placeholder);
        await dialog.Locator("textarea[data-testid=message-input]").FocusAsync();
        await page.Keyboard.TypeAsync("Your appointment is confirmed for tomorrow at 9am.");
        await dialog.Locator("[data-testid=send-button]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}

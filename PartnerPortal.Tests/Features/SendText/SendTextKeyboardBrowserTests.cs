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
        // Focus moves into the dialog (waited for: the dialog focuses its first field after its first render).
        await page.WaitForFunctionAsync("() => !!document.activeElement?.closest('.mud-dialog-container')");

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

        // Send stays disabled (out of the tab order) until recipient, location and message are given.
        var order = new List<string>();
        await dialog.Locator("input[data-testid=send-to]").FocusAsync();
        order.Add((await FocusedTestIdAsync(page))!);
        for (var i = 0; i < 15 && !order.Contains("message-input"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await FocusedTestIdAsync(page) is { } id && !order.Contains(id) && id is "send-to" or "send-from" or "message-input")
            {
                order.Add(id);
            }
        }

        order.Should().Equal("send-to", "send-from", "message-input");

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
        // From the message, Tab reaches the now enabled Send button; Enter sends.
        var stops = new List<string>();
        for (var i = 0; i < 40 && await FocusedTestIdAsync(page) != "send-button"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            stops.Add(await page.EvaluateAsync<string>("() => document.activeElement.tagName + ' ' + (document.activeElement.getAttribute('data-testid') ?? document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent.trim().slice(0, 20))"));
        }

        var disabledReason = await dialog.GetByTestId("send-disabled-reason").AllTextContentsAsync();
        (await FocusedTestIdAsync(page)).Should().Be("send-button", "Tab went through {0} (send disabled: {1})",
            string.Join(", ", stops), string.Join(" ", disabledReason));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}

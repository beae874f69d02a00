using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Features.SendText;

/// <summary>The Send dialog with the keyboard alone (WCAG 2.1.1, 2.1.2): it opens with Enter, Escape closes it, Tab moves through
/// recipient, location, message and Send in that order and stays in the dialog, and Enter on Send sends.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SendTextKeyboardBrowserTests(BrowserFixture fixture)
{
    private static Task<string?> FocusedTestIdAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-testid')");

    private static async Task OpenWithEnterAsync(IPage page)
    {
        // The button is enabled once the circuit is interactive; before that Enter would do nothing.
        var open = page.GetByTestId("send-text-button");
        await Expect(open).ToBeEnabledAsync();
        await open.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".mud-dialog input[data-testid=send-from]")).ToBeVisibleAsync();
        // The dialog moves the focus into itself after its first render: waited for, so it never moves it after a test did.
        await page.WaitForFunctionAsync("() => !!document.activeElement?.closest('.mud-dialog-container')");
    }

    [SkippableFact]
    public async Task SendDialog_Escape_ClosesItAndFocusStaysOnThePage()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync("staff@riverside.test");
        await OpenWithEnterAsync(page);

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
        // Focusing the field listed everyone; the arrow key waits for the list of the search (debounced), Jordan's alone.
        var suggestions = page.Locator("[data-testid=recipient-option]");
        await Expect(suggestions.Filter(new() { HasText = "Jordan Ellis" })).ToBeVisibleAsync();
        await Expect(suggestions.Filter(new() { HasNotText = "Jordan" })).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.Locator("input[data-testid=send-to]")).ToHaveValueAsync(new Regex("^Jordan Ellis"));
        await Expect(dialog.Locator("[data-testid=recipient-details]")).ToBeVisibleAsync();

        // Location: open the list with Enter, move with the arrow keys (each move chooses), close it with Enter. The keys
        // wait for the list's options: an arrow key before they are rendered has nothing to move through.
        var sendFrom = dialog.Locator("input[data-testid=send-from]");
        var placeholder = await sendFrom.InputValueAsync();
        var options = page.Locator("[data-testid^=location-option]");
        await sendFrom.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(options.First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(sendFrom).Not.ToHaveValueAsync(placeholder);
        await page.Keyboard.PressAsync("Enter");
        await Expect(options.First).ToBeHiddenAsync();

        await dialog.Locator("textarea[data-testid=message-input]").FocusAsync();
        await page.Keyboard.TypeAsync("Your appointment is confirmed for tomorrow at 9am.");
        // Every key reaches the server before Send is enabled; only then does Send take a place in the tab order.
        await Expect(dialog.GetByTestId("send-disabled-reason")).ToBeHiddenAsync();
        await Expect(dialog.GetByTestId("send-button")).ToBeEnabledAsync();
        // From the message, Tab reaches the now enabled Send button; Enter sends.
        var stops = new List<string>();
        for (var i = 0; i < 5 && await FocusedTestIdAsync(page) != "send-button"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            stops.Add(await page.EvaluateAsync<string>("() => document.activeElement.tagName + ' ' + (document.activeElement.getAttribute('data-testid') ?? document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent.trim().slice(0, 20))"));
        }

        var disabledReason = await dialog.GetByTestId("send-disabled-reason").AllTextContentsAsync();
        (await FocusedTestIdAsync(page)).Should().Be("send-button", "Tab went through {0} (send disabled: {1})",
            string.Join(", ", stops), string.Join(" ", disabledReason));
        // The focus trap: Tab on the last stop (Send) wraps to the dialog's first, not to the page behind; Shift+Tab comes back.
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('.mud-dialog')")).Should().BeTrue();
        await page.Keyboard.PressAsync("Shift+Tab");
        (await FocusedTestIdAsync(page)).Should().Be("send-button");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}

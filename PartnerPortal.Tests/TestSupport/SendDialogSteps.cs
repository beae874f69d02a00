using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>Steps in the Send dialog shared by the browser tests.</summary>
public static class SendDialogSteps
{
    /// <summary>
    /// Types <paramref name="search"/> in "Send to" and picks <paramref name="name"/> once the list shows the search's own
    /// suggestions: the field's focus first lists everyone, and a click while that list is being replaced by the search's
    /// can land on an option that is going away (the pick is then lost). <paramref name="search"/> is part of a name
    /// without digits (three digits or more also match mobile numbers, so the answer would not all contain it).
    /// </summary>
    public static async Task ChooseRecipientAsync(IPage page, ILocator dialog, string search, string name)
    {
        await dialog.Locator("input[data-testid=send-to]").FillAsync(search);
        var suggestions = page.Locator("[data-testid=recipient-option]");
        await Expect(suggestions.Filter(new() { HasText = name })).ToBeVisibleAsync();
        await Expect(suggestions.Filter(new() { HasNotText = search })).ToHaveCountAsync(0);
        await suggestions.Filter(new() { HasText = name }).ClickAsync();
    }
}

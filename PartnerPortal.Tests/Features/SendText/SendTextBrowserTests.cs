using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Features.SendText;

[Collection(BrowserCollection.Name)]
public sealed class SendTextBrowserTests(BrowserFixture fixture)
{
    private static async Task<ILocator> OpenDialogAsync(IPage page)
    {
        await page.ClickAsync("[data-testid=send-text-button]");
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator("input[data-testid=send-from]")).ToBeVisibleAsync();
        return dialog;
    }

    private static async Task ChooseRecipientAsync(IPage page, ILocator dialog, string search, string name)
    {
        await SendDialogSteps.ChooseRecipientAsync(page, dialog, search, name);
        await Expect(dialog.Locator("[data-testid=recipient-details]")).ToBeVisibleAsync();
    }

    private static async Task ChooseLocationAsync(IPage page, ILocator dialog, string name)
    {
        await dialog.Locator("input[data-testid=send-from]").ClickAsync();
        await page.Locator("[role=option]", new() { HasText = name }).ClickAsync();
        await Expect(dialog.Locator("input[data-testid=send-from]")).ToHaveValueAsync(name);
    }

    [SkippableFact]
    public async Task PracticeStaff_SendsSmsTextFromDublin_SeesItPendingInRecentMessages()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync("staff@riverside.test");

        var dialog = await OpenDialogAsync(page);
        await ChooseRecipientAsync(page, dialog, "Jordan", "Jordan Ellis");
        await ChooseLocationAsync(page, dialog, "Dublin");
        await dialog.Locator("textarea[data-testid=message-input]").FillAsync("Your appointment with Riverside is confirmed for tomorrow at 9am.");
        await Expect(dialog.Locator("[data-testid=counter-text]")).ToContainTextAsync("GSM-7");
        await dialog.Locator("[data-testid=send-button]").ClickAsync();

        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        var row = page.Locator("[data-testid=account-messages] tbody tr", new() { HasText = "Jordan Ellis" }).First;
        await Expect(row).ToContainTextAsync("Dublin");
        await Expect(row).ToContainTextAsync("SMS Text");
        await Expect(row.Locator("[data-testid=message-status]")).ToHaveTextAsync("Pending");
    }

    [SkippableFact]
    public async Task PracticeStaff_MessageWithUrlShortener_CannotSendAndIsToldWhy()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync("staff@riverside.test");

        var dialog = await OpenDialogAsync(page);
        await ChooseRecipientAsync(page, dialog, "Jordan", "Jordan Ellis");
        await ChooseLocationAsync(page, dialog, "Dublin");
        await dialog.Locator("textarea[data-testid=message-input]").FillAsync("Book your visit at bit.ly/x");

        await Expect(dialog.Locator("[data-testid=lint-blocked]")).ToContainTextAsync("The link shortener \"bit.ly\" is not allowed because carriers block public link shorteners");
        await Expect(dialog.Locator("[data-testid=send-button]")).ToBeDisabledAsync();
        await Expect(dialog.Locator("[data-testid=send-disabled-reason]")).ToContainTextAsync("blocked content");
    }

    [SkippableFact]
    public async Task PracticeStaffOfIncompleteAccount_SeesPrompt_FillsStreetAddress_VerificationRequested()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        // Lakeside-like data of its own (no street address, no number), so shared demo data stays as it is.
        var email = await AddIncompleteAccountWithStaffAsync();
        var page = await fixture.SignInAsync(email);

        var dialog = await OpenDialogAsync(page);
        await Expect(dialog.Locator("[data-testid=business-info-prompt]")).ToContainTextAsync(
            "Complete Business Information is needed in order to use Quick Send SMS. Invalid data can result in the inability to acquire " +
            "and verify a number for your account. Please click the following link to update your Business Information:");
        await dialog.GetByText("Update Business Information").ClickAsync();
        var street = dialog.Locator("input[data-testid=business-field-address1]");
        await Expect(dialog.Locator("[data-testid=business-info-form] input")).ToHaveCountAsync(1);
        await street.FillAsync("1 Lake Road");
        await dialog.Locator("[data-testid=submit-business-info]").ClickAsync();

        await Expect(dialog.Locator("[data-testid=verification-notice]")).ToContainTextAsync("verification has been requested for Default Location");
        await Expect(dialog.Locator("[data-testid=business-info-prompt]")).ToHaveCountAsync(0);
        await dialog.Locator("input[data-testid=send-from]").ClickAsync();
        await Expect(page.Locator("[role=option]", new() { HasText = "Default Location" })).ToContainTextAsync("SMS Pending");
    }

    private async Task<string> AddIncompleteAccountWithStaffAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        using var scope = fixture.App.Services.CreateScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var partner = await db.Partners.SingleAsync(p => p.Slug == "northwind-ehr");
        var account = new Account
        {
            PartnerId = partner.Id, ExternalId = $"lakeside-{suffix}", BusinessName = "Lakeside Pediatrics East",
            City = "Cleveland", State = "OH", PostalCode = "44114", CountryCode = "US",
            WebsiteUrl = "https://www.lakesidepediatrics.example", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            Locations = [new PartnerPortal.Domain.Accounts.Location { ExternalId = "default", Name = "Default Location", IsDefault = true }],
        };
        AccountCompleteness.Refresh(account, partner.BusinessDetails);
        db.Accounts.Add(account);
        await db.SaveChangesAsync();

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"staff-{suffix}@lakeside.test";
        var user = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Lee Staff (Lakeside)",
            PartnerId = partner.Id, AccountId = account.Id,
        };
        (await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, PortalRoles.PracticeStaff)).Succeeded.Should().BeTrue();
        return email;
    }
}

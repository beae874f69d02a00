using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPortal.Data;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Infrastructure.Delivery;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Browser;

/// <summary>
/// The whole onboarding of a vendor in the browser (issue 14): an Operator creates partner <c>oak-health</c>, switches
/// its SMS API on and creates its first admin; the admin signs in with the one-time password, creates an account and a
/// second location, asks for a first SMS from it (a number is requested: 4035's sentence), the Operator approves the
/// verification, the admin sends again and the message reaches Delivered through the simulated provider (the test app's
/// dispatcher loop is off: the test runs one pass itself, as MessageDeliveryBrowserTests does).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OnboardingBrowserTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task Onboarding_OperatorCreatesOakHealth_ItsAdminSendsAFirstTextThatIsDelivered()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        // 1. The Operator creates the partner, switches its SMS API on and creates its first admin.
        var op = await fixture.SignInAsync("operator@vendor.test");
        await op.GotoAsync("/partners");
        await Expect(op.GetByTestId("partners-page")).ToHaveAttributeAsync("data-interactive", "true");
        await op.GetByTestId("new-partner").ClickAsync();
        var dialog = op.Locator(".mud-dialog");
        foreach (var (field, value) in new[]
                 {
                     ("slug", "oak-health"), ("display-name", "Oak Health"), ("corporate-website", "https://www.oak-health.example"),
                     ("name", "Oak Health"), ("legal-name", "Oak Health LLC"), ("address1", "1 Oak Street"), ("city", "Columbus"),
                     ("state", "OH"), ("postal-code", "43215"), ("country", "US"), ("website", "https://www.oak-health.example"),
                     ("contact-first-name", "Olive"), ("contact-last-name", "Oakley"), ("contact-email", "olive@oak-health.example"),
                     ("contact-phone", "(614) 555-0142"),
                 })
        {
            await dialog.Locator($"input[data-testid=partner-field-{field}]").FillAsync(value);
        }

        await dialog.GetByTestId("partner-save").ClickAsync();
        var row = op.GetByTestId("partner-oak-health");
        await Expect(row.GetByTestId("partner-counts")).ToContainTextAsync("0 complete");
        await Expect(row.GetByTestId("sms-api")).ToContainTextAsync("Off");
        await row.GetByTestId("sms-api").GetByText("Off").ClickAsync();
        await Expect(row.GetByTestId("sms-api")).ToContainTextAsync("On");

        await row.GetByTestId("create-first-admin").ClickAsync();
        await dialog.Locator("input[data-testid=first-admin-email]").FillAsync("ada@oak-health.test");
        await dialog.Locator("input[data-testid=first-admin-name]").FillAsync("Ada Oak");
        await dialog.GetByTestId("first-admin-submit").ClickAsync();
        var passwordField = dialog.Locator("input[data-testid=first-admin-password]");
        await Expect(passwordField).ToHaveValueAsync(new Regex(@"^\S{12,}$"));
        var password = await passwordField.InputValueAsync();
        await dialog.GetByTestId("first-admin-done").ClickAsync();
        await Expect(row.GetByTestId("create-first-admin")).ToHaveCountAsync(0);

        // 2. The admin signs in with the one-time password and creates an account with a second location.
        var admin = await fixture.SignInAsync("ada@oak-health.test", password);
        await admin.GotoAsync("/accounts");
        await admin.GetByTestId("new-account").ClickAsync();
        var newAccount = admin.Locator(".mud-dialog");
        foreach (var (field, value) in new[]
                 {
                     ("account-id", "oak-clinic"), ("business-name", "Oak Clinic"), ("address1", "10 Oak Street"), ("city", "Columbus"),
                     ("state", "OH"), ("postal-code", "43215"), ("website-url", "https://www.oak-clinic.example"), ("practice-phone", "(614) 555-0177"),
                 })
        {
            await newAccount.Locator($"input[data-testid=account-field-{field}]").FillAsync(value);
        }

        await newAccount.GetByTestId("new-account-submit").ClickAsync();
        // The dialog closes and the app navigates within the page (no load event); on a busy CI machine the save can take
        // longer than the default, and when the dialog stays open its text (a validation message) says why.
        try
        {
            await Expect(admin).ToHaveURLAsync(new Regex(@"/accounts/\d+$"), new() { Timeout = 30_000 });
        }
        catch (PlaywrightException exception)
        {
            var open = await newAccount.CountAsync() > 0 ? await newAccount.First.InnerTextAsync() : "(no dialog)";
            throw new Xunit.Sdk.XunitException($"The new account's page did not open: {exception.Message}\nDialog: {open}");
        }

        await Expect(admin.GetByTestId("account-name")).ToHaveTextAsync("Oak Clinic");
        var accountId = int.Parse(new Uri(admin.Url).Segments[^1]);
        await Expect(admin.GetByTestId("sms-numbers")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.GetByTestId("add-location").ClickAsync();
        await admin.Locator(".mud-dialog input[data-testid=location-name]").FillAsync("Downtown");
        await admin.Locator(".mud-dialog").GetByTestId("location-save").ClickAsync();
        await Expect(admin.GetByTestId("sms-number-downtown")).ToContainTextAsync("No Number");
        await AddPatientAsync(accountId);

        // 3. A first SMS from Downtown: no number yet, so one is requested and its verification submitted (4035).
        var send = await OpenSendDialogAsync(admin);
        await ChooseRecipientAsync(admin, send);
        // Seed 000's Send From: the No Number row carries an inline "Add Number" link.
        await send.Locator("input[data-testid=send-from]").ClickAsync();
        var downtownWithoutNumber = admin.Locator("[role=option]", new() { HasText = "Downtown" });
        await Expect(downtownWithoutNumber).ToContainTextAsync("No Number");
        // The row itself cannot be chosen (aria-disabled), which Playwright's actionability check reads as disabled for
        // the link too; the link takes the pointer (SendFromSelect.razor.css), so the real click is forced past the check.
        await downtownWithoutNumber.GetByTestId("add-number").ClickAsync(new() { Force = true });
        await Expect(send.GetByTestId("verification-notice")).ToContainTextAsync("A number was requested for Downtown");
        await send.GetByTestId("discard").ClickAsync();

        // 4. The Operator approves the verification request.
        await op.GotoAsync("/account-verification");
        var request = op.Locator("tr")
            .Filter(new LocatorFilterOptions { Has = op.GetByTestId("verification-account-oak-clinic") })
            .Filter(new LocatorFilterOptions { Has = op.GetByTestId("approve") });
        await Expect(request).ToHaveCountAsync(1);
        await Expect(request).ToContainTextAsync("Downtown");
        await request.GetByTestId("approve").ClickAsync();
        await Expect(op.Locator("tr").Filter(new LocatorFilterOptions { Has = op.GetByTestId("verification-account-oak-clinic") })
            .First.GetByTestId("verification-status")).ToHaveTextAsync("Approved");

        // 5. The admin sends again from Downtown; the dispatcher sends it to the simulated provider, which reports Delivered.
        await admin.ReloadAsync();
        await Expect(admin.GetByTestId("sms-number-downtown")).ToContainTextAsync("SMS Approved");
        send = await OpenSendDialogAsync(admin);
        await ChooseRecipientAsync(admin, send);
        await send.Locator("input[data-testid=send-from]").ClickAsync();
        await admin.Locator("[role=option]", new() { HasText = "Downtown" }).ClickAsync();
        await Expect(send.Locator("input[data-testid=send-from]")).ToHaveValueAsync("Downtown");
        await send.Locator("textarea[data-testid=message-input]").FillAsync("Oak Clinic: your appointment is confirmed for Monday at 10am.");
        await send.GetByTestId("send-button").ClickAsync();
        await Expect(admin.Locator(".mud-dialog")).ToHaveCountAsync(0);
        var message = admin.Locator("[data-testid=account-messages] tbody tr", new() { HasText = "Downtown" }).First;
        await Expect(message.GetByTestId("message-status")).ToHaveTextAsync("Pending");

        var dispatched = await fixture.App.Services.GetRequiredService<MessageDispatcher>().DispatchDueAsync(DateTime.UtcNow);
        await message.GetByTestId("message-link").ClickAsync();

        dispatched.Sent.Should().BeGreaterThanOrEqualTo(1);
        await Expect(admin.GetByTestId("message-status")).ToHaveTextAsync("Delivered", new() { Timeout = 20_000 });
        await admin.Context.CloseAsync();
        await op.Context.CloseAsync();
    }

    private static async Task<ILocator> OpenSendDialogAsync(IPage page)
    {
        await page.GetByTestId("send-text-button").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator("input[data-testid=send-from]")).ToBeVisibleAsync();
        return dialog;
    }

    private static async Task ChooseRecipientAsync(IPage page, ILocator dialog)
    {
        await SendDialogSteps.ChooseRecipientAsync(page, dialog, "Jordan", "Jordan Oakes");
        await Expect(dialog.GetByTestId("recipient-details")).ToBeVisibleAsync();
    }

    // The address book is not part of onboarding: the practice's first patient is added directly.
    private async Task AddPatientAsync(int accountId)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        db.Recipients.Add(new Recipient
        {
            AccountId = accountId, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Oakes", DateOfBirth = new DateOnly(1988, 5, 14),
            Mobile = "+16145550161", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}

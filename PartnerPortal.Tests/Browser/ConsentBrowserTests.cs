using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Browser;

/// <summary>A signed inbound reply that might mean "stop" lands in the Opt-out review; staff confirm it; the Send dialog then refuses the number.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsentBrowserTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task SignedReply_LandsInReview_StaffConfirm_SendDialogRefusesTheNumber()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        // A patient of its own, so the shared demo patients stay sendable for the other browser tests.
        var (accountId, lastName, mobile) = await AddPatientAsync();
        var answer = await PostSignedReplyAsync(accountId, mobile, "Not interested, thanks");
        answer.Should().Contain("\"action\":\"Review\"");

        var page = await fixture.SignInAsync("staff@riverside.test");
        await page.GotoAsync($"/opt-out-review?account={accountId}");
        // The rows are prerendered: a click before the circuit is interactive would reach no handler.
        await page.WaitForSelectorAsync(".mud-layout[data-interactive='true']");
        var row = page.Locator("[data-testid=review-table] tbody tr", new() { HasText = lastName });
        await Expect(row).ToContainTextAsync("Not interested, thanks");
        await Expect(row).ToContainTextAsync("To review");
        await row.GetByText("Confirm opt-out").ClickAsync();
        await Expect(page.Locator("[data-testid=review-table] tbody tr", new() { HasText = lastName })).ToHaveCountAsync(0);

        await page.GotoAsync($"/accounts/{accountId}");
        await page.WaitForSelectorAsync(".mud-layout[data-interactive='true']");
        await page.ClickAsync("[data-testid=send-text-button]");
        var dialog = page.Locator(".mud-dialog");
        // The search's answer, not the focus list: the name is unique (its digits also match other patients' numbers,
        // so the list is not all Reviewsons and SendDialogSteps' wait does not apply).
        await dialog.Locator("input[data-testid=send-to]").FillAsync(lastName);
        await page.Locator("[data-testid=recipient-option]", new() { HasText = lastName }).ClickAsync();
        await Expect(dialog.Locator("[data-testid=recipient-opted-out]")).ToContainTextAsync("opted out of texts");
        await Expect(dialog.Locator("[data-testid=recipient-opted-out]")).ToContainTextAsync("a reply confirmed as an opt-out by staff");
        await Expect(dialog.Locator("[data-testid=send-button]")).ToBeDisabledAsync();
        await page.Context.CloseAsync();
    }

    private async Task<(int AccountId, string LastName, string Mobile)> AddPatientAsync()
    {
        var suffix = Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        using var scope = fixture.App.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        var account = await db.Accounts.SingleAsync(a => a.ExternalId == "riverside");
        var recipient = new Recipient
        {
            AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Casey", LastName = $"Reviewson{suffix}",
            DateOfBirth = new DateOnly(1980, 5, 5), Mobile = $"+1614555{suffix}", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        db.Recipients.Add(recipient);
        await db.SaveChangesAsync();
        return (account.Id, recipient.LastName, recipient.Mobile);
    }

    /// <summary>POST /provider/inbound signed with riverside's demo callback secret, as the README's curl does.</summary>
    private async Task<string> PostSignedReplyAsync(int accountId, string from, string text)
    {
        var body = System.Text.Json.JsonSerializer.Serialize(new { id = $"browser-{Guid.NewGuid():N}", from, to = "+12195550114", text });
        var timestamp = CallbackSignature.ToUnixSeconds(DateTime.UtcNow);
        using var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/provider/inbound") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(CallbackSignature.AccountHeader, accountId.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(CallbackSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(CallbackSignature.SignatureHeader, CallbackSignature.Sign(DemoDataSeeder.DemoRiversideCallbackSecret, timestamp, body));
        using var response = await client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(answer);
        return answer;
    }
}

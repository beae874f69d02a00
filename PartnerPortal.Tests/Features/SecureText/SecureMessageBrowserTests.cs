using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Identity;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Features.SecureText;

[Collection(BrowserCollection.Name)]
public sealed class SecureMessageBrowserTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task Patient_OpensLinkWithoutSignIn_ConfirmsDateOfBirthAndLastName_ReadsTheMessage()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var token = await IssueSecureTextAsync("Your lab results are normal. No follow-up is needed.");
        var context = await fixture.Browser!.NewContextAsync(new() { BaseURL = fixture.BaseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/s/{token}");
        await Expect(page.GetByText("Riverside Family Medicine sent you a secure message")).ToBeVisibleAsync();
        await Expect(page.GetByText("lab results")).ToHaveCountAsync(0);
        await page.Locator("input[data-testid=secure-dob]").FillAsync("1984-03-12");
        await page.Locator("input[data-testid=secure-last-name]").FillAsync("Ellis");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "View message" }).ClickAsync();

        await Expect(page.Locator("[data-testid=secure-message-content]")).ToHaveTextAsync("Your lab results are normal. No follow-up is needed.");
    }

    private async Task<string> IssueSecureTextAsync(string content)
    {
        using var scope = fixture.App.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        var jordan = await db.Recipients.SingleAsync(r => r.FirstName == "Jordan" && r.LastName == "Ellis");
        var now = DateTime.UtcNow;
        var message = new Message
        {
            AccountId = jordan.AccountId, RecipientId = jordan.Id, Kind = MessageKind.SecureText, NotifyMethod = NotifyMethod.Sms,
            ToNumber = jordan.Mobile, Content = content, Encoding = "GSM-7", SegmentCount = 1, Status = MessageStatus.Pending,
            CreatedAt = now, UpdatedAt = now,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();

        // What the dispatcher does before texting the notice.
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(Actor.System("Dispatcher"));
        var notice = await scope.ServiceProvider.GetRequiredService<SecureLinkService>().IssueNoticeAsync(message.Id, CancellationToken.None);
        notice.Value!.SmsText.Should().NotContain("lab results");
        return notice.Value.Url.Split("/s/")[1];
    }
}

using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPortal.Data;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Infrastructure.Delivery;
using PartnerPortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Tests.Browser;

/// <summary>Two-way texting in the browser: a signed reply reaches an open tab live, staff answer it, the answer is delivered.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxBrowserTests(BrowserFixture fixture)
{
    private const string Patient = "+16145559876";

    [SkippableFact]
    public async Task SignedReply_RaisesBellAndInboxCountLive_StaffAnswer_ReachesDelivered()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.SignInAsync("staff@riverside.test");
        var bell = page.GetByTestId("notification-bell");
        var before = int.Parse(await bell.GetAttributeAsync("data-unread") ?? "0");
        await Expect(page.GetByTestId("nav-inbox")).ToBeVisibleAsync();
        // The demo data's conversations are unread too: the counts rise by this one.
        var unread = await UnreadConversationsAsync() + 1;

        using (var response = await PostSignedInboundAsync("Can I move my appointment to Friday?"))
        {
            response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        }

        // No reload: the circuit was told.
        await Expect(bell).ToHaveAttributeAsync("data-unread", (before + 1).ToString());
        await Expect(page.GetByTestId("nav-inbox-count")).ToHaveTextAsync(unread.ToString());
        await Expect(page.GetByTestId("count-inbox-unread-value")).ToHaveTextAsync(unread.ToString());

        await page.GetByTestId("nav-inbox").ClickAsync();
        await page.GetByTestId("inbox-thread").Filter(new() { HasText = "(614) 555-9876" }).ClickAsync();
        await Expect(page.GetByTestId("inbox-received")).ToContainTextAsync("Can I move my appointment to Friday?");
        if (unread == 1)
        {
            await Expect(page.GetByTestId("nav-inbox-count")).ToHaveCountAsync(0);
        }
        else
        {
            await Expect(page.GetByTestId("nav-inbox-count")).ToHaveTextAsync((unread - 1).ToString());
        }

        await page.GetByLabel("Answer").FillAsync("Friday at 10 works. See you then!");
        await page.GetByTestId("inbox-send").ClickAsync();
        var answer = page.GetByTestId("inbox-sent").Filter(new() { HasText = "Friday at 10 works" });
        await Expect(answer).ToContainTextAsync("Pending");

        await fixture.App.Services.GetRequiredService<MessageDispatcher>().DispatchDueAsync(DateTime.UtcNow);

        // The simulated provider reports DELIVERED a moment later; the open thread follows its texts' statuses.
        await Expect(answer).ToContainTextAsync("Delivered", new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
    }

    private async Task<int> UnreadConversationsAsync()
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        return await db.InboxThreads.CountAsync(t => t.IsUnread && db.Accounts.Any(a => a.Id == t.AccountId && a.ExternalId == "riverside"));
    }

    private async Task<HttpResponseMessage> PostSignedInboundAsync(string text)
    {
        var services = fixture.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        var account = await db.Accounts.Include(a => a.Locations).ThenInclude(l => l.SmsNumber).FirstAsync(a => a.ExternalId == "riverside");
        var to = account.Locations.First(l => l.IsDefault).SmsNumber!.Number;
        var secrets = services.GetRequiredService<ProviderSecrets>();
        var secret = secrets.UnprotectCallbackSecret((await secrets.EnsureAsync(db, account.Id, DateTime.UtcNow, CancellationToken.None)).ProtectedCallbackSecret)!;
        var json = JsonSerializer.Serialize(new { id = $"browser-{Guid.NewGuid():N}", from = Patient, to, text });
        var timestamp = CallbackSignature.ToUnixSeconds(DateTime.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.BaseUrl + "/provider/inbound")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(CallbackSignature.AccountHeader, account.Id.ToString());
        request.Headers.Add(CallbackSignature.TimestampHeader, timestamp.ToString());
        request.Headers.Add(CallbackSignature.SignatureHeader, CallbackSignature.Sign(secret, timestamp, json));
        using var client = new HttpClient();
        return await client.SendAsync(request);
    }
}

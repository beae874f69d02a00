using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Inbox;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Features.Inbox;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Inbox;

/// <summary>The Inbox page over the real services: its list, a thread with the answer box, and live updates.</summary>
public sealed class InboxPageTests : PortalTestContext
{
    private const string Jordan = "+16145550123";
    private const string Sam = "+16145550177";
    private readonly int _accountId;
    private readonly int _partnerId;
    private int _inbound;

    public InboxPageTests()
    {
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "riverside", null,
            ("default", "Default Location", SmsNumberStatus.Approved, "+16145550100"),
            ("dublin", "Dublin", SmsNumberStatus.Approved, "+12195550114"));
        db.Locations.Add(new Location { AccountId = account.Id, ExternalId = "billing", Name = "Billing", Kind = LocationKind.Queue });
        db.SaveChanges();
        (_partnerId, _accountId) = (partner.Id, account.Id);
        ActAs(TestActor.PracticeStaff(_partnerId, _accountId));
    }

    private async Task ReplyAsync(string from, string text)
    {
        var received = await Services.GetRequiredService<InboundService>()
            .ReceiveAsync(_accountId, new ProviderInboundText($"in-{++_inbound}", from, "+16145550100", text), CancellationToken.None);
        received.Succeeded.Should().BeTrue();
        Clock.Advance(TimeSpan.FromMinutes(1));
    }

    private long ThreadOf(string phone)
    {
        using var db = Database.CreateDbContext();
        return db.InboxThreads.AsNoTracking().Single(t => t.Phone == phone).Id;
    }

    private IRenderedComponent<InboxPage> RenderInbox(long? thread = null)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"accounts/{_accountId}/inbox{(thread is null ? "" : $"?thread={thread}")}");
        return Render<InboxPage>(p => p.Add(x => x.AccountId, _accountId));
    }

    [Fact]
    public async Task InboxPage_ListsConversationsUnreadFirst_WithTheUnreadCount()
    {
        await ReplyAsync(Sam, "Thanks");
        await Services.GetRequiredService<InboxService>().OpenAsync(ThreadOf(Sam), CancellationToken.None);
        await ReplyAsync(Jordan, "Running 10 minutes late");

        var page = RenderInbox();

        page.WaitForAssertion(() => page.FindAll("[data-testid=inbox-thread]").Should().HaveCount(2));
        page.FindAll("[data-testid=inbox-thread]").Select(t => t.TextContent).Should()
            .SatisfyRespectively(
                first => first.Should().Contain("(614) 555-0123").And.Contain("Running 10 minutes late"),
                second => second.Should().Contain("(614) 555-0177"));
        page.Find("[data-testid=inbox-unread-total]").TextContent.Should().Be("1 unread");
    }

    [Fact]
    public async Task Thread_Answer_IsQueuedThroughTheSendPipeline_AndShownPending()
    {
        await ReplyAsync(Jordan, "Can I come at 10?");
        var page = RenderInbox(ThreadOf(Jordan));
        page.WaitForAssertion(() => page.Find("[data-testid=inbox-received]").TextContent.Should().Contain("Can I come at 10?"));

        page.Find("textarea").Input("Yes, 10 works.");
        page.Find("[data-testid=inbox-send]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=inbox-sent]").TextContent.Should().Contain("Yes, 10 works.").And.Contain("Pending"));
        using var db = Database.CreateDbContext();
        db.Messages.AsNoTracking().Should().ContainSingle(m => m.ToNumber == Jordan && m.Content == "Yes, 10 works." && m.Status == MessageStatus.Pending);
    }

    [Fact]
    public async Task OpenInbox_ANewReply_AppearsWithoutReload()
    {
        await ReplyAsync(Jordan, "Hello");
        var page = RenderInbox();
        page.WaitForAssertion(() => page.FindAll("[data-testid=inbox-thread]").Should().HaveCount(1));

        await ReplyAsync(Sam, "Is parking free?");

        page.WaitForAssertion(() => page.FindAll("[data-testid=inbox-thread]").Should().HaveCount(2));
        page.Find("[data-testid=inbox-unread-total]").TextContent.Should().Be("2 unread");
    }
}

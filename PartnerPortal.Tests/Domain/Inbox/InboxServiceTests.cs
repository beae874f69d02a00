using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Inbox;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Inbox;

/// <summary>Threading, queue routing, unread counts and answers of the Inbox, through the signed inbound endpoint.</summary>
public sealed class InboxServiceTests : IDisposable
{
    private const string Sam = "+16145550177";
    private readonly InboxHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Reply_FromOneNumberToTwoLocations_JoinsOneThreadAnsweringEachLocationsText()
    {
        var fromDublin = await _h.SendAsync(_h.Dublin);
        var fromDefault = await _h.SendAsync(_h.Default);

        await _h.ReceiveAsync("Is that at the Dublin office?", to: InboxHarness.DublinNumber);
        await _h.ReceiveAsync("And the other one?", to: InboxHarness.DefaultNumber);

        var threads = _h.Threads();
        threads.Should().ContainSingle().Which.Should().Match<InboxThread>(t => t.Phone == InboxHarness.Jordan && t.ReplyCount == 2 && t.LocationId == _h.Default);
        _h.InboundMessages().Select(m => (m.ThreadId, m.InReplyToMessageId))
            .Should().Equal((threads[0].Id, fromDublin), (threads[0].Id, fromDefault));
    }

    [Fact]
    public async Task OpenAsync_Thread_ListsSentAndReceivedInOrder()
    {
        await _h.SendAsync(_h.Dublin, content: "First");
        await _h.ReceiveAsync("Second", to: InboxHarness.DublinNumber);
        await _h.SendAsync(_h.Default, content: "Third");
        await _h.ReceiveAsync("Fourth");

        var thread = (await _h.Inbox.OpenAsync(_h.Threads()[0].Id, CancellationToken.None)).Value!;

        thread.Entries.Select(e => (e.Outbound, e.Text)).Should().Equal((true, "First"), (false, "Second"), (true, "Third"), (false, "Fourth"));
        thread.Entries.Select(e => e.LocationName).Should().Equal("Dublin", "Dublin", "Default Location", "Default Location");
    }

    [Fact]
    public async Task Reply_ToTextAssignedToQueue_LandsInThatQueue()
    {
        await _h.SendAsync(_h.Dublin, to: Sam, queue: _h.BillingQueue);
        await _h.SendAsync(_h.Dublin);

        await _h.ReceiveAsync("Can I pay online?", from: Sam, to: InboxHarness.DublinNumber);
        await _h.ReceiveAsync("See you then");

        var billing = (await _h.Inbox.ListAsync(new InboxQuery(_h.Account.Id, QueueLocationId: _h.BillingQueue), CancellationToken.None)).Value!;
        billing.Threads.Should().ContainSingle().Which.Should().Match<InboxThreadSummary>(t => t.Phone == Sam && t.QueueName == "Billing");
        (await _h.Inbox.ListAsync(new InboxQuery(_h.Account.Id, QueueLocationId: _h.RefillsQueue), CancellationToken.None)).Value!.Threads.Should().BeEmpty();
        (await _h.Inbox.ListAsync(new InboxQuery(_h.Account.Id, LocationId: _h.Default), CancellationToken.None)).Value!.Threads
            .Should().ContainSingle().Which.Phone.Should().Be(InboxHarness.Jordan);
    }

    [Fact]
    public async Task Reply_ToLaterTextWithAnotherQueue_MovesTheThread_AndAnswerKeepsIt()
    {
        await _h.SendAsync(_h.Dublin, queue: _h.BillingQueue);
        await _h.ReceiveAsync("Paid", to: InboxHarness.DublinNumber);
        await _h.SendAsync(_h.Dublin, queue: _h.RefillsQueue);
        await _h.ReceiveAsync("Refill please", to: InboxHarness.DublinNumber);
        var thread = _h.Threads().Single();
        thread.QueueLocationId.Should().Be(_h.RefillsQueue);

        var answer = await _h.Inbox.ReplyAsync(new InboxReply(thread.Id, _h.Dublin, "Your refill is ready."), CancellationToken.None);

        answer.Succeeded.Should().BeTrue(answer.FirstError?.Message);
        _h.Delivery.Message(answer.Value!.MessageId).Should().Match<Message>(m =>
            m.QueueLocationId == _h.RefillsQueue && m.ToNumber == InboxHarness.Jordan && m.Status == MessageStatus.Pending && m.Content == "Your refill is ready.");
    }

    [Fact]
    public async Task Counts_UnreadThreadsAndRepliesToday_FollowOpenAndMarkUnread()
    {
        await _h.SendAsync(_h.Default);
        await _h.SendAsync(_h.Default, to: Sam);
        await _h.ReceiveAsync("one");
        await _h.ReceiveAsync("two");
        await _h.ReceiveAsync("three", from: Sam);
        await _h.ReceiveAsync("HELP", from: Sam);

        (await _h.Inbox.CountsAsync(_h.Account.Id, CancellationToken.None)).Should().Be(new InboxCounts(2, 3));
        var jordan = _h.Threads().Single(t => t.Phone == InboxHarness.Jordan);
        jordan.UnreadCount.Should().Be(2);

        await _h.Inbox.OpenAsync(jordan.Id, CancellationToken.None);
        (await _h.Inbox.CountsAsync(_h.Account.Id, CancellationToken.None)).UnreadThreads.Should().Be(1);

        (await _h.Inbox.MarkAsync(jordan.Id, read: false, CancellationToken.None)).Succeeded.Should().BeTrue();
        (await _h.Inbox.CountsAsync(_h.Account.Id, CancellationToken.None)).UnreadThreads.Should().Be(2);
    }

    [Fact]
    public async Task ListAsync_UnreadFirstThenLatest_AndSearchByNumberOrText()
    {
        await _h.SendAsync(_h.Default);
        await _h.SendAsync(_h.Default, to: Sam);
        await _h.ReceiveAsync("older but unread");
        await _h.ReceiveAsync("newer, read", from: Sam);
        await _h.Inbox.OpenAsync(_h.Threads().Single(t => t.Phone == Sam).Id, CancellationToken.None);

        var list = (await _h.Inbox.ListAsync(new InboxQuery(_h.Account.Id), CancellationToken.None)).Value!;

        list.Threads.Select(t => t.Phone).Should().Equal(InboxHarness.Jordan, Sam);
        list.Unread.Should().Be(1);
        (await _h.Inbox.ListAsync(new InboxQuery(_h.Account.Id, Search: "555-0177"), CancellationToken.None)).Value!.Threads
            .Should().ContainSingle().Which.Phone.Should().Be(Sam);
        (await _h.Inbox.ListAsync(new InboxQuery(_h.Account.Id, Search: "UNREAD"), CancellationToken.None)).Value!.Threads
            .Should().ContainSingle().Which.Phone.Should().Be(InboxHarness.Jordan);
    }

    [Fact]
    public async Task ReplyAsync_ToOptedOutPatient_IsRefusedByTheSendPipeline()
    {
        await _h.SendAsync(_h.Default);
        await _h.ReceiveAsync("Who is this?");
        await _h.ReceiveAsync("STOP");
        var thread = _h.Threads().Single();

        var answer = await _h.Inbox.ReplyAsync(new InboxReply(thread.Id, _h.Default, "Sorry to bother you."), CancellationToken.None);

        answer.FirstError!.Code.Should().Be(ResultCodes.OptedOut);
    }

    [Fact]
    public async Task AssignQueueAsync_IsAudited_AndRefusesALocationThatIsNoQueue()
    {
        await _h.SendAsync(_h.Default);
        await _h.ReceiveAsync("Question about my bill");
        var thread = _h.Threads().Single();

        (await _h.Inbox.AssignQueueAsync(thread.Id, _h.Dublin, CancellationToken.None)).FirstError!.Field.Should().Be("queue");
        (await _h.Inbox.AssignQueueAsync(thread.Id, _h.BillingQueue, CancellationToken.None)).Succeeded.Should().BeTrue();

        _h.Threads().Single().QueueLocationId.Should().Be(_h.BillingQueue);
        using var db = _h.Db();
        db.AuditEntries.AsNoTracking().Should().Contain(e => e.Action == "inbox.thread_assigned" && e.Summary.Contains("Billing"));
    }

    [Fact]
    public async Task Inbox_OfAnotherRoleOrTenant_IsRefused()
    {
        await _h.SendAsync(_h.Default);
        await _h.ReceiveAsync("Hello");
        var thread = _h.Threads().Single();

        _h.Actor.Current = TestActor.SupportAgent(_h.Partner.Id);
        (await _h.Inbox.OpenAsync(thread.Id, CancellationToken.None)).FirstError!.Code.Should().Be(ResultCodes.Forbidden);
        _h.Actor.Current = TestActor.Operator();
        (await _h.Inbox.ListAsync(new InboxQuery(_h.Account.Id), CancellationToken.None)).FirstError!.Code.Should().Be(ResultCodes.Forbidden);
        _h.Actor.Current = TestActor.PartnerAdmin(_h.Partner.Id + 1000);
        (await _h.Inbox.OpenAsync(thread.Id, CancellationToken.None)).FirstError!.Code.Should().Be(ResultCodes.NotFound);
        _h.Actor.Current = TestActor.PracticeStaff(_h.Partner.Id, _h.Account.Id + 1000);
        (await _h.Inbox.ListAsync(new InboxQuery(_h.Account.Id), CancellationToken.None)).FirstError!.Code.Should().Be(ResultCodes.NotFound);
        _h.Actor.Current = TestActor.PartnerAdmin(_h.Partner.Id);
        (await _h.Inbox.OpenAsync(thread.Id, CancellationToken.None)).Succeeded.Should().BeTrue();
    }
}

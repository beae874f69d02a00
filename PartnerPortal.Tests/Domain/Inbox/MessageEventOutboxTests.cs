using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Tests.Infrastructure.Webhooks;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Inbox;

/// <summary>The message event outbox: each event once per subscriber, in order per message, content only when opted in.</summary>
public sealed class MessageEventOutboxTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private InboxHarness _h = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _h = new InboxHarness(_receiver.Certificate);
    }

    public async Task DisposeAsync()
    {
        _h.Dispose();
        await _receiver.DisposeAsync();
    }

    private async Task<WebhookSubscriptionCreated> SubscribeAsync(string eventType, string? account = null, bool content = false, string? url = null)
    {
        var previous = _h.Actor.Current;
        _h.Actor.Current = TestActor.PartnerAdmin(_h.Partner.Id);
        var created = await _h.Webhooks.SubscribeAsync(new WebhookSubscribeRequest(url ?? _receiver.Url, eventType, account, content), CancellationToken.None);
        _h.Actor.Current = previous;
        created.Succeeded.Should().BeTrue(created.FirstError?.Message);
        return created.Value!;
    }

    private List<MessageEvent> Events()
    {
        using var db = _h.Db();
        return db.MessageEvents.AsNoTracking().OrderBy(e => e.Id).ToList();
    }

    private List<WebhookDelivery> Deliveries()
    {
        using var db = _h.Db();
        return db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToList();
    }

    private Task Status(long id, MessageStatus status) => _h.Callbacks.ApplyStatusAsync(_h.Account.Id, id, status, null, CancellationToken.None);

    [Fact]
    public async Task StatusChanges_WithoutSubscriber_RecordOnlyFailures()
    {
        var delivered = await _h.SendAsync(_h.Default);
        var failed = await _h.SendAsync(_h.Default, to: "+16145550177");

        await Status(delivered, MessageStatus.Sent);
        await Status(delivered, MessageStatus.Delivered);
        await Status(failed, MessageStatus.Failed);

        Events().Should().ContainSingle().Which.Should().Match<MessageEvent>(e => e.MessageId == failed && e.Status == "Failed");
    }

    [Fact]
    public async Task StatusChanges_AreRecordedOnce_AndRelayedOncePerMatchingSubscriberInOrder()
    {
        using (var db = _h.Db())
        {
            TestData.AddAccount(db, _h.Partner, "lakeside");
        }

        var partnerWide = await SubscribeAsync(WebhookEvents.MessageStatus);
        var thisAccount = await SubscribeAsync(WebhookEvents.MessageStatus, account: "riverside", url: _receiver.Url + "?riverside");
        await SubscribeAsync(WebhookEvents.MessageStatus, account: "lakeside", url: _receiver.Url + "?lakeside");
        var id = await _h.SendAsync(_h.Default);

        await Status(id, MessageStatus.Sent);
        await Status(id, MessageStatus.Sent);
        await Status(id, MessageStatus.Delivered);
        using (var db = _h.Db())
        {
            await MessageEventOutbox.RecordStatusChangesAsync(db, [id], CancellationToken.None);
        }

        Events().Select(e => e.Status).Should().Equal("Sent", "Delivered");
        (await _h.Relay.RelayAsync()).Should().Be(2);
        (await _h.Relay.RelayAsync()).Should().Be(0);

        var deliveries = Deliveries();
        deliveries.Select(d => (d.SubscriptionId, Status: JsonDocument.Parse(d.PayloadJson).RootElement.GetProperty("data").GetProperty("status").GetString()))
            .OrderBy(d => d.SubscriptionId)
            .Should().Equal(
                (partnerWide.Subscription.Id, "Sent"), (partnerWide.Subscription.Id, "Delivered"),
                (thisAccount.Subscription.Id, "Sent"), (thisAccount.Subscription.Id, "Delivered"));
        deliveries.Select(d => d.EventId).Should().OnlyHaveUniqueItems();
        var data = JsonDocument.Parse(deliveries[0].PayloadJson).RootElement;
        data.GetProperty("type").GetString().Should().Be("message.status");
        data.GetProperty("data").GetProperty("messageId").GetString().Should().Be(PublicMessageId.Of(id));
        data.GetProperty("data").GetProperty("accountId").GetString().Should().Be("riverside");
    }

    [Fact]
    public async Task Worker_HoldsBackAMessagesLaterEvent_UntilTheEarlierOneIsDelivered()
    {
        _receiver.Secret = (await SubscribeAsync(WebhookEvents.MessageStatus)).Secret;
        var id = await _h.SendAsync(_h.Default);
        await Status(id, MessageStatus.Sent);
        await Status(id, MessageStatus.Delivered);
        await _h.Relay.RelayAsync();
        _receiver.AnswerWith(500);

        await _h.Worker.DeliverDueAsync(_h.Now);
        _receiver.Received.Should().ContainSingle();
        _h.Clock.Advance(TimeSpan.FromMinutes(10));
        await _h.Worker.DeliverDueAsync(_h.Now);
        await _h.Worker.DeliverDueAsync(_h.Now);

        _receiver.Received.Select(r => (JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("status").GetString(), r.AnsweredWith))
            .Should().Equal(("Sent", 500), ("Sent", 200), ("Delivered", 200));
        _receiver.Received.Should().OnlyContain(r => r.SignatureValid);
    }

    [Fact]
    public async Task InboundEvent_CarriesTheAnsweredMessage_AndTheTextOnlyWhenOptedIn()
    {
        var without = await SubscribeAsync(WebhookEvents.MessageInbound);
        var with = await SubscribeAsync(WebhookEvents.MessageInbound, content: true, url: _receiver.Url + "?content");
        var id = await _h.SendAsync(_h.Dublin);

        await _h.ReceiveAsync("Running late", to: InboxHarness.DublinNumber);
        await _h.Relay.RelayAsync();

        var payloads = Deliveries().ToDictionary(d => d.SubscriptionId, d => JsonDocument.Parse(d.PayloadJson).RootElement.GetProperty("data"));
        payloads.Should().HaveCount(2);
        payloads[without.Subscription.Id].TryGetProperty("content", out _).Should().BeFalse();
        payloads[with.Subscription.Id].GetProperty("content").GetString().Should().Be("Running late");
        payloads[without.Subscription.Id].GetProperty("from").GetString().Should().Be(InboxHarness.Jordan);
        payloads[without.Subscription.Id].GetProperty("inReplyToMessageId").GetString().Should().Be(PublicMessageId.Of(id));
    }
}

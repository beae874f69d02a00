using System.Text.Json;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Tests.Domain.Inbox;
using PartnerPortal.Tests.Infrastructure.Delivery;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Webhooks;

/// <summary>
/// Message events end to end with real HTTPS servers on 127.0.0.1: the dispatcher sends to a stub provider, the provider
/// reports back on the signed callback, the relay and delivery worker sign and POST the events to a receiver.
/// </summary>
public sealed class MessageWebhookTests : IAsyncLifetime
{
    private StubProvider _provider = null!;
    private WebhookReceiver _statusReceiver = null!;
    private WebhookReceiver _inboundReceiver = null!;
    private InboxHarness _h = null!;

    public async Task InitializeAsync()
    {
        _provider = await StubProvider.StartAsync();
        _statusReceiver = await WebhookReceiver.StartAsync();
        _inboundReceiver = await WebhookReceiver.StartAsync();
        _h = new InboxHarness(_provider.Certificate, _statusReceiver.Certificate, _inboundReceiver.Certificate);
        await _h.Delivery.ConfigureAsync(_h.Partner, _h.Account.Id, _provider.Url);
        _h.Actor.Current = TestActor.PartnerAdmin(_h.Partner.Id);
        _statusReceiver.Secret = (await _h.Webhooks.SubscribeAsync(
            new WebhookSubscribeRequest(_statusReceiver.Url, WebhookEvents.MessageStatus), CancellationToken.None)).Value!.Secret;
        _inboundReceiver.Secret = (await _h.Webhooks.SubscribeAsync(
            new WebhookSubscribeRequest(_inboundReceiver.Url, WebhookEvents.MessageInbound, "riverside"), CancellationToken.None)).Value!.Secret;
    }

    public async Task DisposeAsync()
    {
        _h.Dispose();
        await _provider.DisposeAsync();
        await _statusReceiver.DisposeAsync();
        await _inboundReceiver.DisposeAsync();
    }

    private static JsonElement Data(ReceivedWebhook received) => JsonDocument.Parse(received.Body).RootElement.GetProperty("data");

    private async Task DeliverEventsAsync()
    {
        await _h.Relay.RelayAsync();
        await _h.Worker.DeliverDueAsync(_h.Now);
    }

    [Fact]
    public async Task Send_SentAndDelivered_ArriveSigned_ThenAReplyArrivesAsInbound()
    {
        var id = await _h.SendAsync(_h.Default);

        (await _h.Delivery.NewDispatcher().DispatchDueAsync(_h.Now)).Sent.Should().Be(1);
        await DeliverEventsAsync();
        (await _h.StatusCallbackAsync(id, "DELIVERED")).Succeeded.Should().BeTrue();
        await DeliverEventsAsync();

        _statusReceiver.Received.Should().HaveCount(2).And.OnlyContain(r => r.SignatureValid && r.AnsweredWith == 200);
        _statusReceiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).Should().AllBe("message.status");
        _statusReceiver.Received.Select(r => (Data(r).GetProperty("messageId").GetString(), Data(r).GetProperty("status").GetString()))
            .Should().Equal((PublicMessageId.Of(id), "Sent"), (PublicMessageId.Of(id), "Delivered"));
        _h.Delivery.Message(id).Status.Should().Be(MessageStatus.Delivered);

        await _h.ReceiveAsync("Thank you, see you then");
        await DeliverEventsAsync();

        var inbound = _inboundReceiver.Received.Should().ContainSingle().Subject;
        inbound.SignatureValid.Should().BeTrue();
        JsonDocument.Parse(inbound.Body).RootElement.GetProperty("type").GetString().Should().Be("message.inbound");
        Data(inbound).GetProperty("from").GetString().Should().Be(InboxHarness.Jordan);
        Data(inbound).GetProperty("inReplyToMessageId").GetString().Should().Be(PublicMessageId.Of(id));
        Data(inbound).TryGetProperty("content", out _).Should().BeFalse();
        _statusReceiver.Received.Should().HaveCount(2);
    }
}

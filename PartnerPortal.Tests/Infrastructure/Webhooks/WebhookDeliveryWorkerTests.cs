using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Webhooks;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Webhooks;

/// <summary>Deliveries to a real HTTPS receiver on 127.0.0.1 that checks the signature; time moves only by hand.</summary>
public sealed class WebhookDeliveryWorkerTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private WebhookHarness _h = null!;
    private int _partnerId;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _h = new WebhookHarness(_receiver.Certificate);
        using var db = _h.Numbers.Db();
        _partnerId = TestData.AddPartner(db, "northwind").Id;
    }

    public async Task DisposeAsync()
    {
        _h.Dispose();
        await _receiver.DisposeAsync();
    }

    private async Task<WebhookSubscriptionCreated> SubscribeAsync()
    {
        _h.Numbers.Actor.Current = TestActor.PartnerAdmin(_partnerId);
        var created = await _h.Service.SubscribeAsync(_receiver.Url, CancellationToken.None);
        created.Succeeded.Should().BeTrue(created.FirstError?.Message);
        _receiver.Secret = created.Value!.Secret;
        return created.Value;
    }

    [Fact]
    public async Task DeliverDue_ReceiverFailsTwiceThenAccepts_DeliveredOnceAfterThreeAttempts()
    {
        var created = await SubscribeAsync();
        await _h.Service.SendTestEventAsync(created.Subscription.Id, CancellationToken.None);
        _receiver.AnswerWith(500, 500, 200);

        (await _h.Worker.DeliverDueAsync(_h.Now)).Should().Be(1);
        (await _h.Worker.DeliverDueAsync(_h.Now)).Should().Be(0, "the next attempt waits for the backoff");
        _h.Numbers.Clock.Advance(WebhookDelivery.Backoff.MaxDelayAfter(1));
        await _h.Worker.DeliverDueAsync(_h.Now);
        _h.Numbers.Clock.Advance(WebhookDelivery.Backoff.MaxDelayAfter(2));
        await _h.Worker.DeliverDueAsync(_h.Now);
        _h.Numbers.Clock.Advance(TimeSpan.FromHours(1));
        (await _h.Worker.DeliverDueAsync(_h.Now)).Should().Be(0, "a delivered event is not sent again");

        var delivery = _h.Deliveries().Single();
        delivery.Status.Should().Be(WebhookDeliveryStatus.Delivered);
        delivery.Attempts.Should().Be(3);
        delivery.LastResponseCode.Should().Be(200);
        delivery.DeliveredAt.Should().NotBeNull();
        var received = _receiver.Received.ToList();
        received.Select(r => r.AnsweredWith).Should().Equal(500, 500, 200);
        received.Should().OnlyContain(r => r.SignatureValid && r.Id == delivery.EventId);
        received.Select(r => r.Timestamp).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("each attempt is signed with its own timestamp");
        using var body = JsonDocument.Parse(received[^1].Body);
        body.RootElement.GetProperty("type").GetString().Should().Be(WebhookEvents.VerificationStatus);
        body.RootElement.GetProperty("data").GetProperty("test").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task DeliverDue_ReceiverAnswers410_SubscriptionDisabledAndDeliveryFailed()
    {
        var created = await SubscribeAsync();
        await _h.Service.SendTestEventAsync(created.Subscription.Id, CancellationToken.None);
        _receiver.AnswerWith(410);

        await _h.Worker.DeliverDueAsync(_h.Now);

        var subscription = _h.Subscription(created.Subscription.Id);
        subscription.Enabled.Should().BeFalse();
        subscription.DisabledReason.Should().Contain("410");
        var delivery = _h.Deliveries().Single();
        delivery.Status.Should().Be(WebhookDeliveryStatus.Failed);
        delivery.LastResponseCode.Should().Be(410);
        _receiver.Received.Should().ContainSingle();
        using var db = _h.Numbers.Db();
        db.AuditEntries.Should().Contain(e => e.Action == "webhook.disabled" && e.ActorName == "Webhooks");
    }

    [Fact]
    public async Task DeliverDue_StillFailingAfter24Hours_MarkedFailed()
    {
        var created = await SubscribeAsync();
        await _h.Service.SendTestEventAsync(created.Subscription.Id, CancellationToken.None);
        _receiver.AnswerWith(503, 503);

        await _h.Worker.DeliverDueAsync(_h.Now);
        _h.Deliveries().Single().Status.Should().Be(WebhookDeliveryStatus.Pending);
        _h.Numbers.Clock.Advance(TimeSpan.FromHours(24));
        await _h.Worker.DeliverDueAsync(_h.Now);

        var delivery = _h.Deliveries().Single();
        delivery.Status.Should().Be(WebhookDeliveryStatus.Failed);
        delivery.Attempts.Should().Be(2);
        delivery.LastResponseCode.Should().Be(503);
        delivery.NextAttemptAt.Should().BeNull();
    }

    [Fact]
    public async Task DeliverDue_PrivateAddressNotAllowedAtDeliveryTime_NotSentAndRetried()
    {
        var created = await SubscribeAsync();
        await _h.Service.SendTestEventAsync(created.Subscription.Id, CancellationToken.None);
        var strictOptions = Options.Create(new WebhookOptions { AllowPrivateAddresses = false });
        var strictWorker = new WebhookDeliveryWorker(_h.Numbers.Database, _h.HttpClients, _h.DataProtection, new WebhookUrlValidator(strictOptions),
            _h.Numbers.AuditLog, _h.Numbers.Clock, strictOptions, _h.Signal, NullLogger<WebhookDeliveryWorker>.Instance);

        await strictWorker.DeliverDueAsync(_h.Now);

        _receiver.Received.Should().BeEmpty();
        var delivery = _h.Deliveries().Single();
        delivery.Status.Should().Be(WebhookDeliveryStatus.Pending);
        delivery.Attempts.Should().Be(1);
        delivery.LastError.Should().Be(WebhookUrlValidator.PrivateAddressMessage);
    }

    [Fact]
    public async Task WebhookHandler_PrivateAddressesNotAllowed_RefusesToConnect()
    {
        using var handler = WebhookHttp.CreateHandler(allowPrivateAddresses: false);
        using var client = new HttpClient(handler);

        var send = () => client.PostAsync(_receiver.Url, new StringContent("{}"));

        (await send.Should().ThrowAsync<HttpRequestException>()).WithMessage(WebhookUrlValidator.PrivateAddressMessage + "*");
        _receiver.Received.Should().BeEmpty();
    }
}

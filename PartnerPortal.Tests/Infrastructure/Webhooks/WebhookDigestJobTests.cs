using System.Text.Json;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Infrastructure.Webhooks;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Webhooks;

public sealed class WebhookDigestJobTests : IDisposable
{
    private readonly WebhookHarness _h = new();
    private readonly int _partnerId;
    private readonly int _otherPartnerId;
    private readonly int _accountId;
    private readonly int _otherAccountId;

    public WebhookDigestJobTests()
    {
        using var db = _h.Numbers.Db();
        var partner = TestData.AddPartner(db, "northwind");
        var other = TestData.AddPartner(db, "contoso");
        _partnerId = partner.Id;
        _otherPartnerId = other.Id;
        _accountId = TestData.AddAccount(db, partner, "riverside", null,
            ("powell", "Powell", SmsNumberStatus.NoNumber, null),
            ("dublin", "Dublin", SmsNumberStatus.NoNumber, null)).Id;
        _otherAccountId = TestData.AddAccount(db, other, "contoso-main").Id;
    }

    private async Task<int> SubscribeAsync(int partnerId)
    {
        _h.Numbers.Actor.Current = TestActor.PartnerAdmin(partnerId);
        var created = await _h.Service.SubscribeAsync($"https://127.0.0.1/hooks/{partnerId}", CancellationToken.None);
        return created.Value!.Subscription.Id;
    }

    private async Task ApproveAsync(int requestId)
    {
        _h.Numbers.Actor.Current = TestActor.Operator();
        (await _h.Numbers.Verification.ApproveAsync(requestId, CancellationToken.None)).Succeeded.Should().BeTrue();
    }

    private async Task RejectAsync(int requestId, string reason)
    {
        _h.Numbers.Actor.Current = TestActor.Operator();
        (await _h.Numbers.Verification.RejectAsync(requestId, reason, CancellationToken.None)).Succeeded.Should().BeTrue();
    }

    private static List<(string Location, string Status)> NumbersIn(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.GetProperty("data").GetProperty("numbers").EnumerateArray()
            .Select(n => (n.GetProperty("locationId").GetString()!, n.GetProperty("status").GetString()!))
            .ToList();
    }

    [Fact]
    public async Task RunDigest_OnlyNewCompletionsSinceLastNotice()
    {
        var subscription = await SubscribeAsync(_partnerId);
        var powell = await _h.Numbers.RequestAsync(_partnerId, _accountId, "powell");
        var dublin = await _h.Numbers.RequestAsync(_partnerId, _accountId, "dublin");
        _h.Numbers.Clock.Advance(TimeSpan.FromMinutes(1));
        await ApproveAsync(powell);
        _h.Numbers.Clock.Advance(TimeSpan.FromHours(1));

        (await _h.Digest.RunDigestAsync(_h.Now)).Should().Be(1);
        _h.Numbers.Clock.Advance(TimeSpan.FromHours(1));
        await RejectAsync(dublin, "Website unreachable");
        _h.Numbers.Clock.Advance(TimeSpan.FromDays(1));
        (await _h.Digest.RunDigestAsync(_h.Now)).Should().Be(1);

        var deliveries = _h.Deliveries();
        deliveries.Should().HaveCount(2).And.OnlyContain(d => d.SubscriptionId == subscription && !d.IsTest);
        NumbersIn(deliveries[0].PayloadJson).Should().Equal(("powell", "Approved"));
        NumbersIn(deliveries[1].PayloadJson).Should().Equal(("dublin", "Rejected"));
        deliveries[1].PayloadJson.Should().Contain("Website unreachable");
        _h.Subscription(subscription).LastNotifiedAt.Should().Be(_h.Now);
    }

    [Fact]
    public async Task RunDigest_DecisionStampedBeforeARunButCommittedAfterIt_IsCarriedByTheNextDigest()
    {
        var subscription = await SubscribeAsync(_partnerId);
        var powell = await _h.Numbers.RequestAsync(_partnerId, _accountId, "powell");
        var dublin = await _h.Numbers.RequestAsync(_partnerId, _accountId, "dublin");
        _h.Numbers.Clock.Advance(TimeSpan.FromMinutes(1));
        await ApproveAsync(powell);
        // A digest runs at a time after the next decision's own timestamp: that decision commits only after the run.
        (await _h.Digest.RunDigestAsync(_h.Now.AddMinutes(5))).Should().Be(1);
        _h.Numbers.Clock.Advance(TimeSpan.FromMinutes(1));
        await RejectAsync(dublin, "Website unreachable");
        _h.Numbers.Clock.Advance(TimeSpan.FromDays(1));

        (await _h.Digest.RunDigestAsync(_h.Now)).Should().Be(1);

        var deliveries = _h.Deliveries();
        deliveries.Should().HaveCount(2).And.OnlyContain(d => d.SubscriptionId == subscription);
        NumbersIn(deliveries[1].PayloadJson).Should().Equal(("dublin", "Rejected"));
    }

    [Fact]
    public async Task RunDigest_NothingNew_SendsNothing()
    {
        await SubscribeAsync(_partnerId);
        var powell = await _h.Numbers.RequestAsync(_partnerId, _accountId, "powell");
        _h.Numbers.Clock.Advance(TimeSpan.FromMinutes(1));
        await ApproveAsync(powell);
        _h.Numbers.Clock.Advance(TimeSpan.FromHours(1));
        await _h.Digest.RunDigestAsync(_h.Now);
        await _h.Numbers.RequestAsync(_partnerId, _accountId, "dublin");
        _h.Numbers.Clock.Advance(TimeSpan.FromDays(1));

        var queued = await _h.Digest.RunDigestAsync(_h.Now);

        queued.Should().Be(0, "a pending request is not a completion and powell was already notified");
        _h.Deliveries().Should().HaveCount(1);
    }

    [Fact]
    public async Task RunDigest_EachPartnerGetsOnlyItsOwnNumbers()
    {
        var northwindHook = await SubscribeAsync(_partnerId);
        var contosoHook = await SubscribeAsync(_otherPartnerId);
        var powell = await _h.Numbers.RequestAsync(_partnerId, _accountId, "powell");
        _h.Numbers.Clock.Advance(TimeSpan.FromMinutes(1));
        await ApproveAsync(powell);
        _h.Numbers.Clock.Advance(TimeSpan.FromHours(1));

        await _h.Digest.RunDigestAsync(_h.Now);

        _h.Deliveries().Should().ContainSingle().Which.SubscriptionId.Should().Be(northwindHook);
        _h.Subscription(contosoHook).LastNotifiedAt.Should().BeNull();
        _ = _otherAccountId;
    }

    [Theory]
    [InlineData("2026-11-25T05:00:00", "2026-11-25T06:00:00")]
    [InlineData("2026-11-25T06:00:00", "2026-11-26T06:00:00")]
    [InlineData("2026-11-25T23:30:00", "2026-11-26T06:00:00")]
    public void NextRunAfter_DigestAtSixUtc_NextOccurrence(string now, string expected)
    {
        WebhookDigestJob.NextRunAfter(DateTime.Parse(now), TimeSpan.FromHours(6)).Should().Be(DateTime.Parse(expected));
    }

    public void Dispose() => _h.Dispose();
}

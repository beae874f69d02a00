using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Infrastructure.Numbers;
using PartnerPortal.Tests.Domain.Numbers;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Numbers;

public sealed class VerificationAutoApproverTests : IDisposable
{
    private readonly NumbersHarness _h = new();
    private readonly int _partnerId;
    private readonly int _accountId;

    public VerificationAutoApproverTests()
    {
        using var db = _h.Db();
        var partner = TestData.AddPartner(db, "northwind");
        _partnerId = partner.Id;
        _accountId = TestData.AddAccount(db, partner, "riverside", null,
            ("powell", "Powell", SmsNumberStatus.NoNumber, null),
            ("dublin", "Dublin", SmsNumberStatus.NoNumber, null)).Id;
    }

    private VerificationAutoApprover Approver(TimeSpan? after) => new(
        _h.Decisions, _h.Clock, Options.Create(new VerificationOptions { AutoApproveAfter = after }), NullLogger<VerificationAutoApprover>.Instance);

    [Fact]
    public async Task RunOnce_RequestOlderThanDelay_ApprovedBySystem()
    {
        await _h.RequestAsync(_partnerId, _accountId, "powell");
        _h.Clock.Advance(TimeSpan.FromSeconds(21));

        var approved = await Approver(TimeSpan.FromSeconds(20)).RunOnceAsync();

        approved.Should().Be(1);
        var number = _h.NumberOf(_accountId, "powell")!;
        number.Status.Should().Be(SmsNumberStatus.Approved);
        number.Number.Should().StartWith("+1");
        using var db = _h.Db();
        db.VerificationRequests.Single().DecidedBy.Should().Be("Auto-approval");
        db.AuditEntries.Should().Contain(e => e.Action == "verification.approved" && e.ActorName == "Auto-approval");
    }

    [Fact]
    public async Task RunOnce_RequestYoungerThanDelay_StaysPending()
    {
        await _h.RequestAsync(_partnerId, _accountId, "powell");
        _h.Clock.Advance(TimeSpan.FromSeconds(19));

        var approved = await Approver(TimeSpan.FromSeconds(20)).RunOnceAsync();

        approved.Should().Be(0);
        _h.NumberOf(_accountId, "powell")!.Status.Should().Be(SmsNumberStatus.Pending);
    }

    [Fact]
    public async Task RunOnce_RequestedBeforeStartUp_StaysPendingForAnOperator()
    {
        await _h.RequestAsync(_partnerId, _accountId, "powell"); // as the demo data's columbus, before the app started
        var approver = Approver(TimeSpan.FromSeconds(20));
        approver.StartFrom(_h.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
        _h.Clock.Advance(TimeSpan.FromSeconds(2));
        await _h.RequestAsync(_partnerId, _accountId, "dublin");
        _h.Clock.Advance(TimeSpan.FromMinutes(1));

        var approved = await approver.RunOnceAsync();

        approved.Should().Be(1);
        _h.NumberOf(_accountId, "powell")!.Status.Should().Be(SmsNumberStatus.Pending);
        _h.NumberOf(_accountId, "dublin")!.Status.Should().Be(SmsNumberStatus.Approved);
    }

    [Fact]
    public async Task RunOnce_NotConfigured_ApprovesNothing()
    {
        await _h.RequestAsync(_partnerId, _accountId, "powell");
        _h.Clock.Advance(TimeSpan.FromDays(30));

        var approved = await Approver(null).RunOnceAsync();

        approved.Should().Be(0);
        _h.NumberOf(_accountId, "powell")!.Status.Should().Be(SmsNumberStatus.Pending);
    }

    [Fact]
    public async Task RunOnce_TwoRequests_EachLocationGetsItsOwnNumber()
    {
        await _h.RequestAsync(_partnerId, _accountId, "powell");
        await _h.RequestAsync(_partnerId, _accountId, "dublin");
        _h.Clock.Advance(TimeSpan.FromMinutes(1));

        await Approver(TimeSpan.FromSeconds(20)).RunOnceAsync();

        var powell = _h.NumberOf(_accountId, "powell")!.Number;
        var dublin = _h.NumberOf(_accountId, "dublin")!.Number;
        powell.Should().NotBeNull();
        dublin.Should().NotBeNull().And.NotBe(powell);
    }

    public void Dispose() => _h.Dispose();
}

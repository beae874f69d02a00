using PartnerPortal.Domain.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Tests.Infrastructure.Delivery;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Delivery;

/// <summary>The status callback: HMAC-authenticated, 5-minute window, replays refused, idempotent and monotonic.</summary>
public sealed class ProviderCallbackServiceTests : IAsyncLifetime
{
    private readonly DeliveryHarness _h = new();
    private Partner _partner = null!;
    private Account _account = null!;
    private string _secret = "";

    public async Task InitializeAsync()
    {
        (_partner, _account) = _h.AddAccount();
        _h.Actor.Current = TestActor.PartnerAdmin(_partner.Id);
        _secret = (await _h.Settings.GetAsync(_account.Id, CancellationToken.None)).Value!.CallbackSecret;
    }

    public Task DisposeAsync()
    {
        _h.Dispose();
        return Task.CompletedTask;
    }

    private ProviderCallbackRequest Signed(object body, string? secret = null, DateTime? at = null, int? accountId = null)
    {
        var json = JsonSerializer.Serialize(body);
        var timestamp = CallbackSignature.ToUnixSeconds(at ?? _h.Now);
        return new ProviderCallbackRequest((accountId ?? _account.Id).ToString(), timestamp.ToString(),
            CallbackSignature.Sign(secret ?? _secret, timestamp, json), json);
    }

    private static object Status(long id, string status, string? reason = null) => new { retId = id.ToString(), status, reason };

    private long RefusedCount()
    {
        // Refusals are counted in memory and written at most every 10 seconds: write the rest first.
        _h.Callbacks.WriteRefusalsAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var db = _h.Db();
        return db.ProviderSettings.Single(s => s.AccountId == _account.Id).RefusedCallbacks;
    }

    [Fact]
    public async Task HandleStatus_SignedDelivered_MessageDelivered()
    {
        var id = _h.AddPending(_account.Id, 1).Single();

        var answer = await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "DELIVERED")), CancellationToken.None);

        answer.Succeeded.Should().BeTrue(answer.FirstError?.Message);
        var message = _h.Message(id);
        message.Status.Should().Be(MessageStatus.Delivered);
        message.DeliveredAt.Should().Be(_h.Now);
        message.SentAt.Should().Be(_h.Now);
    }

    [Fact]
    public async Task HandleStatus_ForgedSignature_RefusedCountedAndStateIntact()
    {
        var id = _h.AddPending(_account.Id, 1).Single();

        var answer = await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "DELIVERED"), secret: "cbsec_not-the-secret"), CancellationToken.None);

        answer.FirstError!.Code.Should().Be(ResultCodes.Unauthenticated);
        _h.Message(id).Status.Should().Be(MessageStatus.Pending);
        RefusedCount().Should().Be(1);
    }

    [Fact]
    public async Task HandleStatus_BodyChangedAfterSigning_Refused()
    {
        var id = _h.AddPending(_account.Id, 1).Single();
        var signed = Signed(Status(id, "DELIVERED"));

        var answer = await _h.Callbacks.HandleStatusAsync(signed with { Body = signed.Body.Replace("DELIVERED", "FAILED") }, CancellationToken.None);

        answer.FirstError!.Code.Should().Be(ResultCodes.Unauthenticated);
        _h.Message(id).Status.Should().Be(MessageStatus.Pending);
    }

    [Fact]
    public async Task HandleStatus_SameSignedRequestTwice_ReplayRefusedAndCounted()
    {
        var id = _h.AddPending(_account.Id, 1).Single();
        var signed = Signed(Status(id, "FAILED", "Carrier rejected"));

        var first = await _h.Callbacks.HandleStatusAsync(signed, CancellationToken.None);
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        var replay = await _h.Callbacks.HandleStatusAsync(signed, CancellationToken.None);

        first.Succeeded.Should().BeTrue(first.FirstError?.Message);
        replay.FirstError!.Code.Should().Be(ResultCodes.Unauthenticated);
        RefusedCount().Should().Be(1);
        _h.Message(id).ErrorReason.Should().Be("Carrier rejected");
    }

    [Fact]
    public async Task HandleStatus_TimestampOutsideFiveMinutes_Refused()
    {
        var id = _h.AddPending(_account.Id, 1).Single();

        var stale = await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "DELIVERED"), at: _h.Now.AddMinutes(-6)), CancellationToken.None);
        var early = await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "DELIVERED"), at: _h.Now.AddMinutes(6)), CancellationToken.None);
        var inWindow = await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "DELIVERED"), at: _h.Now.AddMinutes(-4)), CancellationToken.None);

        stale.FirstError!.Code.Should().Be(ResultCodes.Unauthenticated);
        early.FirstError!.Code.Should().Be(ResultCodes.Unauthenticated);
        inWindow.Succeeded.Should().BeTrue(inWindow.FirstError?.Message);
        RefusedCount().Should().Be(2);
    }

    [Fact]
    public async Task HandleStatus_UnknownAccountOrMissingHeaders_Refused()
    {
        var id = _h.AddPending(_account.Id, 1).Single();

        var unknown = await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "DELIVERED"), accountId: 999_999), CancellationToken.None);
        var missing = await _h.Callbacks.HandleStatusAsync(new ProviderCallbackRequest(null, null, null, "{}"), CancellationToken.None);

        unknown.FirstError!.Code.Should().Be(ResultCodes.NotFound);
        missing.FirstError!.Code.Should().Be(ResultCodes.Unauthenticated);
        _h.Message(id).Status.Should().Be(MessageStatus.Pending);
    }

    [Fact]
    public async Task HandleStatus_AnotherAccountsMessage_NotFound()
    {
        var (_, other) = _h.AddAccount("lakeside", "+16145550200", "+16145550201");
        var theirs = _h.AddPending(other.Id, 1).Single();

        var answer = await _h.Callbacks.HandleStatusAsync(Signed(Status(theirs, "DELIVERED")), CancellationToken.None);

        answer.FirstError!.Code.Should().Be(ResultCodes.NotFound);
        _h.Message(theirs).Status.Should().Be(MessageStatus.Pending);
    }

    [Fact]
    public async Task HandleStatus_LateSentAfterDelivered_IgnoredStateIntact()
    {
        var id = _h.AddPending(_account.Id, 1).Single();

        await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "DELIVERED")), CancellationToken.None);
        _h.Clock.Advance(TimeSpan.FromSeconds(5));
        var late = await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "SENT")), CancellationToken.None);
        _h.Clock.Advance(TimeSpan.FromSeconds(5));
        var again = await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "DELIVERED")), CancellationToken.None);

        late.Succeeded.Should().BeTrue(late.FirstError?.Message);
        late.Value!.Status.Should().Be(MessageStatus.Delivered);
        late.Value.Applied.Should().BeFalse();
        again.Succeeded.Should().BeTrue("a repeated status is acknowledged (idempotent)");
        again.Value!.Applied.Should().BeFalse();
        var message = _h.Message(id);
        message.Status.Should().Be(MessageStatus.Delivered);
        message.DeliveredAt.Should().Be(TestData.Now);
    }

    [Fact]
    public async Task HandleStatus_DeliveredAfterFailed_FirstFinalStatusWins()
    {
        var id = _h.AddPending(_account.Id, 1).Single();

        await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "FAILED", "Unknown subscriber")), CancellationToken.None);
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "DELIVERED")), CancellationToken.None);

        var message = _h.Message(id);
        message.Status.Should().Be(MessageStatus.Failed);
        message.ErrorReason.Should().Be("Unknown subscriber");
        message.DeliveredAt.Should().BeNull();
    }

    [Fact]
    public async Task HandleStatus_UnknownStatusOrBadJson_BadRequest()
    {
        var id = _h.AddPending(_account.Id, 1).Single();

        var unknownStatus = await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "READ")), CancellationToken.None);
        var json = "not json";
        var timestamp = CallbackSignature.ToUnixSeconds(_h.Now);
        var badJson = await _h.Callbacks.HandleStatusAsync(
            new ProviderCallbackRequest(_account.Id.ToString(), timestamp.ToString(), CallbackSignature.Sign(_secret, timestamp, json), json), CancellationToken.None);

        unknownStatus.FirstError!.Code.Should().Be(ResultCodes.ValidationFailed);
        badJson.FirstError!.Code.Should().Be(ResultCodes.ValidationFailed);
        _h.Message(id).Status.Should().Be(MessageStatus.Pending);
    }

    [Fact]
    public async Task HandleStatus_ReceiptsOlderThanTwoWindows_Purged()
    {
        var id = _h.AddPending(_account.Id, 1).Single();
        await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "SENT")), CancellationToken.None);
        _h.Clock.Advance(TimeSpan.FromMinutes(11));

        await _h.Callbacks.HandleStatusAsync(Signed(Status(id, "DELIVERED")), CancellationToken.None);

        using var db = _h.Db();
        (await db.ProviderCallbackReceipts.CountAsync()).Should().Be(1);
    }
}

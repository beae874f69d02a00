using PartnerPortal.Domain.Common;
using System.Text.Json;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Tests.Infrastructure.Delivery;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Delivery;

/// <summary>Issue 15: extreme timestamps and floods of refused callbacks.</summary>
public sealed class ProviderCallbackHardeningTests : IAsyncLifetime
{
    private readonly DeliveryHarness _h = new();
    private Partner _partner = null!;
    private Account _account = null!;

    public async Task InitializeAsync()
    {
        (_partner, _account) = _h.AddAccount();
        _h.Actor.Current = TestActor.PartnerAdmin(_partner.Id);
        await _h.Settings.GetAsync(_account.Id, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _h.Dispose();
        return Task.CompletedTask;
    }

    private long RefusedInDatabase()
    {
        using var db = _h.Db();
        return db.ProviderSettings.Single(s => s.AccountId == _account.Id).RefusedCallbacks;
    }

    private ProviderCallbackRequest Forged(long id, string timestamp) =>
        new(_account.Id.ToString(), timestamp, "sha256=" + new string('0', 64), JsonSerializer.Serialize(new { retId = id.ToString(), status = "DELIVERED" }));

    [Theory]
    [InlineData("min+now")]
    [InlineData("-9223372036854775808")]
    [InlineData("9223372036854775807")]
    [InlineData("99999999999999999999999")]
    public async Task HandleStatus_ExtremeTimestamp_Refused401(string timestamp)
    {
        var id = _h.AddPending(_account.Id, 1).Single();
        var value = timestamp == "min+now"
            ? unchecked(CallbackSignature.ToUnixSeconds(_h.Now) + long.MinValue).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : timestamp;

        var answer = await _h.Callbacks.HandleStatusAsync(Forged(id, value), CancellationToken.None);

        answer.FirstError!.Code.Should().Be(ResultCodes.Unauthenticated);
        _h.Message(id).Status.Should().Be(MessageStatus.Pending);
    }

    [Fact]
    public async Task HandleStatus_FloodOfForgedCallbacks_CountedButWrittenOnceUntilTheIntervalPasses()
    {
        var id = _h.AddPending(_account.Id, 1).Single();
        var timestamp = CallbackSignature.ToUnixSeconds(_h.Now).ToString(System.Globalization.CultureInfo.InvariantCulture);

        for (var i = 0; i < 50; i++)
        {
            (await _h.Callbacks.HandleStatusAsync(Forged(id, timestamp), CancellationToken.None)).FirstError!.Code.Should().Be(ResultCodes.Unauthenticated);
        }

        var writtenDuringTheFlood = RefusedInDatabase();
        await _h.Callbacks.WriteRefusalsAsync(CancellationToken.None);

        writtenDuringTheFlood.Should().Be(1, "the first refusal is written at once, the next ones wait for the interval");
        RefusedInDatabase().Should().Be(50);
    }
}

/// <summary>Issue 15: over-long values never make an inbound STOP fail (PostgreSQL checks column lengths).</summary>
public sealed class InboundLengthTests : IDisposable
{
    private readonly DeliveryHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Receive_StopWithOverLongTo_OptedOutAndToDropped()
    {
        var (_, account) = _h.AddAccount();

        var outcome = await _h.Inbound.ReceiveAsync(account.Id,
            new ProviderInboundText("in-long-to", "+16145550123", "+1614555010012345678901234567890", "STOP"), CancellationToken.None);

        outcome.Succeeded.Should().BeTrue();
        outcome.Value!.Action.Should().Be(InboundAction.OptOut);
        using var db = _h.Db();
        db.OptOuts.Should().ContainSingle(o => o.AccountId == account.Id && o.Phone == "+16145550123");
        db.InboundMessages.Single().ToNumber.Should().BeNull();
    }
}

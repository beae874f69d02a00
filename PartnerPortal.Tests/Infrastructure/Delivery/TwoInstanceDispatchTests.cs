using PartnerPortal.Domain.Messaging;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Delivery;

/// <summary>
/// Issue 9: two dispatchers — two instances of the app's dispatcher, each as another process would have it,
/// with nothing shared but the database — work on the same 10,000 messages at once against a real provider on
/// 127.0.0.1. Every retId must reach the provider exactly once and no message may stay behind. On PostgreSQL
/// (<c>PORTAL_TEST_POSTGRES</c>, as <c>.ci/run</c> does) the claims go through <c>FOR UPDATE SKIP LOCKED</c>;
/// otherwise the same test runs over a SQLite file.
/// </summary>
[Trait("Category", "TwoInstances")]
public sealed class TwoInstanceDispatchTests : IAsyncLifetime
{
    private const int MessageCount = 10_000;
    private const int ConcurrencyPerDispatcher = 32;

    private StubProvider _provider = null!;
    private DeliveryHarness _h = null!;

    public async Task InitializeAsync()
    {
        _provider = await StubProvider.StartAsync();
        _h = new DeliveryHarness(_provider.Certificate, options =>
        {
            options.Concurrency = ConcurrencyPerDispatcher;
            options.BatchSize = 100;
        });
    }

    public async Task DisposeAsync()
    {
        _h.Dispose();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task TwoDispatchersOnOneDatabase_TenThousandMessages_EachRetIdSentExactlyOnceNoneLost()
    {
        var (partner, account) = _h.AddAccount();
        await _h.ConfigureAsync(partner, account.Id, _provider.Url);
        var ids = _h.AddPending(account.Id, MessageCount);
        var first = _h.NewDispatcher();
        var second = _h.NewDispatcher();
        var bothSending = new BothSendingGate(ConcurrencyPerDispatcher);
        _provider.OnRequest = (_, _) => bothSending.PassAsync();

        // Each instance keeps taking passes until a pass finds nothing left to claim; both run at the same time.
        async Task<int> RunUntilDrainedAsync(PartnerPortal.Infrastructure.Delivery.MessageDispatcher dispatcher)
        {
            var sent = 0;
            for (var pass = 0; pass < 1_000; pass++)
            {
                var summary = await dispatcher.DispatchDueAsync(_h.Now);
                sent += summary.Sent;
                if (summary.Claimed == 0)
                {
                    return sent;
                }
            }

            return sent;
        }

        var sentByEach = await Task.WhenAll(Task.Run(() => RunUntilDrainedAsync(first)), Task.Run(() => RunUntilDrainedAsync(second)));

        sentByEach.Sum().Should().Be(MessageCount);
        sentByEach.Should().OnlyContain(sent => sent > 0, "both instances took part of the work");
        var accepted = _provider.Accepted();
        accepted.Should().HaveCount(MessageCount, "every message reached the provider");
        accepted.Values.Should().OnlyContain(count => count == 1, "no retId was sent twice");
        accepted.Keys.Should().BeEquivalentTo(ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _h.Messages().Should().OnlyContain(m => m.Status == MessageStatus.Sent && m.ClaimedBy == null);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Infrastructure.Delivery;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Delivery;

/// <summary>Issue 15: result writes that fail, endless error bodies and opt-outs that arrive after a text was queued.</summary>
public sealed class MessageDispatcherHardeningTests : IAsyncLifetime
{
    private StubProvider _provider = null!;
    private DeliveryHarness _h = null!;
    private Partner _partner = null!;
    private Account _account = null!;

    public async Task InitializeAsync()
    {
        _provider = await StubProvider.StartAsync();
        _h = new DeliveryHarness(_provider.Certificate, options => options.Timeout = TimeSpan.FromSeconds(5));
        (_partner, _account) = _h.AddAccount();
        await _h.ConfigureAsync(_partner, _account.Id, _provider.Url);
    }

    public async Task DisposeAsync()
    {
        _h.Dispose();
        await _provider.DisposeAsync();
    }

    private MessageDispatcher DispatcherOver(Microsoft.EntityFrameworkCore.IDbContextFactory<PartnerPortal.Data.ApplicationDbContext> database) =>
        new(database, _h.HttpClients, _h.Secrets, _h.SecureLinks,
            new SimulatedProviderAddress(Microsoft.Extensions.Options.Options.Create(_h.Options), new ServiceCollection().BuildServiceProvider()),
            _h.Clock, Microsoft.Extensions.Options.Options.Create(_h.Options), NullLogger<MessageDispatcher>.Instance);

    [Fact]
    public async Task DispatchDue_RecordingTheAnswersFailsThreeTimes_EachMessagePostedOnceAndSent()
    {
        var ids = _h.AddPending(_account.Id, 20);
        // The result write marks messages Sent (the only UPDATE of Messages that sets SentAt); the claim is left alone.
        var failing = new FailingCommands(sql => sql.StartsWith("UPDATE \"Messages\"", StringComparison.Ordinal) && sql.Contains("\"SentAt\""), times: 3);

        var summary = await DispatcherOver(new InterceptedDatabase(_h.Database, failing)).DispatchDueAsync(_h.Now);
        _h.Clock.Advance(_h.Options.ClaimLease + TimeSpan.FromMinutes(1));
        var later = await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        failing.Failed.Should().Be(3);
        summary.Sent.Should().Be(20);
        later.Claimed.Should().Be(0, "no answer was dropped, so nothing is left claimed and Pending");
        _provider.Received.Should().HaveCount(20);
        _provider.Accepted().Should().HaveCount(20).And.OnlyContain(pair => pair.Value == 1);
        _h.Messages().Where(m => ids.Contains(m.Id)).Should().OnlyContain(m => m.Status == MessageStatus.Sent && m.ClaimedBy == null && m.Attempts == 1);
    }

    [Fact]
    public async Task DispatchDue_ProviderErrorBodyNeverEnds_ReadsItsStartOnlyAndFailsWithTheReason()
    {
        var id = _h.AddPending(_account.Id, 1).Single();
        _provider.EndlessBodies = true;
        _provider.AnswerWith(400, """{"reason":"Unknown destination","detail":" """);

        await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        var message = _h.Message(id);
        message.Status.Should().Be(MessageStatus.Failed);
        message.ErrorCode.Should().Be("HTTP_400");
        message.ErrorReason.Should().StartWith("HTTP 400 {\"reason\":\"Unknown destination\"");
        message.ErrorReason!.Length.Should().BeLessThanOrEqualTo(320);
    }

    [Fact]
    public async Task DispatchDue_RecipientRepliedStopAfterTheTextWasQueued_NotSentFailedAsOptedOut_ConfirmationSent()
    {
        var queued = _h.AddPending(_account.Id, 1, "Your appointment is tomorrow at 9am.", _ => "+16145550123").Single();
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        var stop = await _h.Inbound.ReceiveAsync(_account.Id, new ProviderInboundText("in-1", "+16145550123", "+16145550100", "STOP"), CancellationToken.None);

        await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        var message = _h.Message(queued);
        message.Status.Should().Be(MessageStatus.Failed);
        message.ErrorCode.Should().Be("OPTED_OUT");
        message.ErrorReason.Should().Be("recipient opted out");
        _provider.Received.Should().ContainSingle().Which.RetId.Should().Be(stop.Value!.ReplyMessageId!.Value.ToString(),
            "only the opt-out confirmation, queued with the opt-out, goes out");
        _h.Message(stop.Value.ReplyMessageId!.Value).Status.Should().Be(MessageStatus.Sent);
    }
}

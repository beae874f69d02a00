using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Infrastructure.Delivery;

namespace PartnerPortal.Tests.Infrastructure.Delivery;

public sealed class MessageDispatcherResilienceTests : MessageDispatcherTestBase
{
    [Fact]
    public async Task DispatchDue_Provider500Then200_SentAfterBackoffRetry()
    {
        await ConfigureAsync();
        var id = _h.AddPending(_account.Id, 1).Single();
        _provider.AnswerWith(500);
        var dispatcher = _h.NewDispatcher();

        (await dispatcher.DispatchDueAsync(_h.Now)).Retried.Should().Be(1);
        var waiting = _h.Message(id);
        (await dispatcher.DispatchDueAsync(_h.Now)).Claimed.Should().Be(0, "the retry waits for its backoff");
        _h.Clock.Advance(_h.Options.Backoff.MaxDelayAfter(1));
        var retried = await dispatcher.DispatchDueAsync(_h.Now);

        waiting.Status.Should().Be(MessageStatus.Pending);
        waiting.NextAttemptAt.Should().BeAfter(_h.Now - _h.Options.Backoff.MaxDelayAfter(1));
        waiting.ErrorReason.Should().Contain("HTTP 500");
        retried.Sent.Should().Be(1);
        _provider.Received.Select(r => (r.RetId, r.AnsweredWith)).Should().Equal((id.ToString(), 500), (id.ToString(), 200));
        var message = _h.Message(id);
        message.Status.Should().Be(MessageStatus.Sent);
        message.ErrorReason.Should().BeNull();
        _h.Attempts(id).Select(a => (a.Number, a.Result, a.HttpStatus))
            .Should().Equal((1, AttemptResult.Error, 500), (2, AttemptResult.Sent, 200));
    }

    [Fact]
    public async Task DispatchDue_ProviderDownThenFailingThenUp_EveryMessageSentExactlyOnce()
    {
        await ConfigureAsync();
        var ids = _h.AddPending(_account.Id, 30);
        var dispatcher = _h.NewDispatcher();

        _provider.Down = true;
        var down = await dispatcher.DispatchDueAsync(_h.Now);
        down.Should().Be(new DispatchSummary(Claimed: 30, Sent: 0, Failed: 0, Retried: 30, Released: 0));
        _provider.Down = false;
        for (var i = 0; i < 30; i++)
        {
            _provider.AnswerWith(503);
        }

        _h.Clock.Advance(_h.Options.Backoff.MaxDelayAfter(1));
        (await dispatcher.DispatchDueAsync(_h.Now)).Retried.Should().Be(30);
        _h.Clock.Advance(_h.Options.Backoff.MaxDelayAfter(2));
        (await dispatcher.DispatchDueAsync(_h.Now)).Sent.Should().Be(30);

        _provider.Received.Should().HaveCount(90, "one request per attempt: the client never re-sends a POST by itself");
        _provider.Accepted().Should().HaveCount(30).And.OnlyContain(pair => pair.Value == 1);
        _provider.Accepted().Keys.Should().BeEquivalentTo(ids.Select(id => id.ToString()));
        _h.Messages().Should().OnlyContain(m => m.Status == MessageStatus.Sent && m.Attempts == 3);
        var attempts = _h.Attempts(ids[0]);
        attempts.Select(a => a.Result).Should().Equal(AttemptResult.Error, AttemptResult.Error, AttemptResult.Sent);
        attempts[0].Error.Should().StartWith("Could not connect");
        attempts[1].HttpStatus.Should().Be(503);
    }

    [Fact]
    public async Task DispatchDue_ConnectionDroppedAfterTheRequestArrived_NotResentByTheHttpClient()
    {
        await ConfigureAsync();
        var dispatcher = _h.NewDispatcher();
        _h.AddPending(_account.Id, 1);
        await dispatcher.DispatchDueAsync(_h.Now); // leaves a pooled keep-alive connection
        var id = _h.AddPending(_account.Id, 1).Single();
        _provider.Down = true;

        var summary = await dispatcher.DispatchDueAsync(_h.Now);

        summary.Retried.Should().Be(1);
        _provider.Received.Count(r => r.RetId == id.ToString()).Should().Be(1, "only the dispatcher decides to send again");
        _h.Attempts(id).Single().Result.Should().Be(AttemptResult.Error);
    }

    [Fact]
    public async Task DispatchDue_ProviderDoesNotAnswerInTime_RetriedLaterWithTheTimeoutRecorded()
    {
        await ConfigureAsync();
        var id = _h.AddPending(_account.Id, 1).Single();
        _h.Options.Timeout = TimeSpan.FromMilliseconds(200);
        var release = new TaskCompletionSource();
        _provider.OnRequest = (_, _) => release.Task;

        var summary = await _h.NewDispatcher().DispatchDueAsync(_h.Now);
        release.SetResult();

        summary.Retried.Should().Be(1);
        var message = _h.Message(id);
        message.Status.Should().Be(MessageStatus.Pending);
        message.NextAttemptAt.Should().BeAfter(_h.Now);
        _h.Attempts(id).Single().Error.Should().Be("No answer within 0.2 s.");
    }

    [Fact]
    public async Task DispatchDue_ProviderNeverAccepts_FailedAfterMaxAttempts()
    {
        await ConfigureAsync();
        var id = _h.AddPending(_account.Id, 1).Single();
        var dispatcher = _h.NewDispatcher();

        for (var attempt = 1; attempt <= _h.Options.MaxAttempts + 1; attempt++)
        {
            _provider.AnswerWith(503);
            await dispatcher.DispatchDueAsync(_h.Now);
            _h.Clock.Advance(_h.Options.Backoff.MaxDelayAfter(attempt));
        }

        _provider.Received.Should().HaveCount(_h.Options.MaxAttempts);
        var message = _h.Message(id);
        message.Status.Should().Be(MessageStatus.Failed);
        message.ErrorCode.Should().Be("RETRIES_EXHAUSTED");
        message.ErrorReason.Should().Be($"Not accepted after {_h.Options.MaxAttempts} attempts. Last error: HTTP 503 Service Unavailable");
    }

    [Fact]
    public async Task DispatchDue_StoppedMidBatchThenNewDispatcher_NoMessageLostNoneSentTwice()
    {
        await ConfigureAsync();
        var ids = _h.AddPending(_account.Id, 120);
        using var stop = new CancellationTokenSource();
        _provider.OnRequest = (number, _) =>
        {
            if (number == 25)
            {
                stop.Cancel();
            }

            return Task.CompletedTask;
        };

        var first = await _h.NewDispatcher().DispatchDueAsync(_h.Now, stop.Token);
        var afterStop = _h.Messages();
        var second = await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        first.Sent.Should().BeGreaterThanOrEqualTo(25).And.BeLessThan(120);
        first.Released.Should().BeGreaterThan(0, "claimed messages not yet sent are handed back");
        afterStop.Should().OnlyContain(m => m.ClaimedBy == null, "a stopped dispatcher leaves no claims behind");
        afterStop.Count(m => m.Status == MessageStatus.Pending).Should().Be(120 - first.Sent);
        second.Sent.Should().Be(120 - first.Sent);
        _provider.Received.Should().HaveCount(120);
        _provider.Accepted().Keys.Should().BeEquivalentTo(ids.Select(id => id.ToString()));
        _provider.Accepted().Values.Should().OnlyContain(count => count == 1);
        _h.Messages().Should().OnlyContain(m => m.Status == MessageStatus.Sent && m.Attempts == 1);
    }

    [Fact]
    public async Task DispatchDue_CrashedDispatchersClaim_TakenOverOnlyAfterItsLeaseExpires()
    {
        await ConfigureAsync();
        var ids = _h.AddPending(_account.Id, 10);
        // What a dispatcher that died right after claiming leaves behind: live claims and attempts in progress.
        await using (var db = _h.Db())
        {
            var until = _h.Now + _h.Options.ClaimLease;
            await db.Messages.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedBy, "crashed:1").SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.Attempts, 1));
            db.MessageAttempts.AddRange(ids.Select(id => new MessageAttempt
            {
                MessageId = id, Number = 1, StartedAt = _h.Now, Result = AttemptResult.InProgress, Dispatcher = "crashed:1",
            }));
            await db.SaveChangesAsync();
        }

        var successor = _h.NewDispatcher();
        var whileLeased = await successor.DispatchDueAsync(_h.Now);
        _h.Clock.Advance(_h.Options.ClaimLease);
        var afterLease = await successor.DispatchDueAsync(_h.Now);

        whileLeased.Claimed.Should().Be(0, "a live claim belongs to its dispatcher");
        afterLease.Sent.Should().Be(10);
        _provider.Accepted().Should().HaveCount(10).And.OnlyContain(pair => pair.Value == 1);
        _h.Attempts(ids[0]).Select(a => a.Result).Should().Equal(AttemptResult.Interrupted, AttemptResult.Sent);
        _h.Messages().Should().OnlyContain(m => m.Status == MessageStatus.Sent && m.Attempts == 2 && m.ClaimedBy == null);
    }

    [Fact]
    public async Task DispatchDue_TwoLiveDispatchersAtOnce_EachMessageSentOnce()
    {
        await ConfigureAsync();
        var ids = _h.AddPending(_account.Id, 200);
        var a = _h.NewDispatcher();
        var b = _h.NewDispatcher();

        var summaries = await Task.WhenAll(
            Task.Run(() => a.DispatchDueAsync(_h.Now)),
            Task.Run(() => b.DispatchDueAsync(_h.Now)));

        summaries.Sum(s => s.Claimed).Should().Be(200);
        _provider.Received.Should().HaveCount(200);
        _provider.Accepted().Keys.Should().BeEquivalentTo(ids.Select(id => id.ToString()));
        _h.Messages().Should().OnlyContain(m => m.Status == MessageStatus.Sent && m.Attempts == 1);
    }

    [Fact]
    public async Task DispatchDue_ProviderReportsDeliveredBeforeAnswering_StaysDelivered()
    {
        await ConfigureAsync();
        var id = _h.AddPending(_account.Id, 1).Single();
        _provider.OnRequest = async (_, payload) =>
            await _h.Callbacks.ApplyStatusAsync(_account.Id, long.Parse(payload.RetId), MessageStatus.Delivered, null, CancellationToken.None);

        await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        var message = _h.Message(id);
        message.Status.Should().Be(MessageStatus.Delivered, "the late 2xx never moves a message back to Sent");
        message.SentAt.Should().NotBeNull();
        message.DeliveredAt.Should().NotBeNull();
        message.ClaimedBy.Should().BeNull();
        _h.Attempts(id).Single().Result.Should().Be(AttemptResult.Sent);
    }
}

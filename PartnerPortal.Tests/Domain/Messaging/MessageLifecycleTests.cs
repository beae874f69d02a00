using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Messaging;

/// <summary>
/// The one place a stored message's status and attempts change (issue 17): forward only, the first final status wins,
/// and the attempt count moves with a dispatcher's claim alone.
/// </summary>
public sealed class MessageLifecycleTests : IDisposable
{
    private static readonly DateTime At = TestData.Now;
    private readonly TestDatabase _database = new();
    private readonly long _id;

    public MessageLifecycleTests()
    {
        using var db = _database.CreateDbContext();
        var account = TestData.AddAccount(db, TestData.AddPartner(db, "lifecycle"), "acc-1");
        db.SaveChanges();
        var message = new Message { AccountId = account.Id, Content = "Hello", Encoding = "GSM-7", ToNumber = "+12195550100", CreatedAt = At, UpdatedAt = At };
        db.Messages.Add(message);
        db.SaveChanges();
        _id = message.Id;
    }

    public void Dispose() => _database.Dispose();

    private async Task<int> Apply(Func<IQueryable<Message>, Task<int>> change)
    {
        await using var db = _database.CreateDbContext();
        return await change(db.Messages.Where(m => m.Id == _id));
    }

    private Message Stored()
    {
        using var db = _database.CreateDbContext();
        return db.Messages.AsNoTracking().Single(m => m.Id == _id);
    }

    [Fact]
    public async Task Delivered_ThenALateSent_StaysDelivered()
    {
        (await Apply(m => MessageLifecycle.MarkDeliveredAsync(m, At))).Should().Be(1);
        (await Apply(m => MessageLifecycle.MarkSentAsync(m, At.AddSeconds(1)))).Should().Be(0);
        (await Apply(m => MessageLifecycle.FailAsync(m, "PROVIDER_FAILED", "late", At.AddSeconds(2), afterSent: true))).Should().Be(0);

        var message = Stored();
        message.Status.Should().Be(MessageStatus.Delivered);
        message.DeliveredAt.Should().Be(At);
        message.SentAt.Should().Be(At, "a Delivered message was sent, when the provider did not say otherwise");
        message.ErrorCode.Should().BeNull();
    }

    [Fact]
    public async Task Sent_FailsOnlyThroughTheProvider_NotThroughTheDispatchersVerdict()
    {
        await Apply(m => MessageLifecycle.MarkSentAsync(m, At));

        (await Apply(m => MessageLifecycle.FailAsync(m, "HTTP_400", "rejected", At))).Should().Be(0, "the dispatcher's verdicts apply while Pending");
        (await Apply(m => MessageLifecycle.FailAsync(m, "PROVIDER_FAILED", new string('x', 1500), At, afterSent: true))).Should().Be(1);

        var message = Stored();
        message.Status.Should().Be(MessageStatus.Failed);
        message.ErrorCode.Should().Be("PROVIDER_FAILED");
        message.ErrorReason.Should().HaveLength(MessageLifecycle.MaxReasonLength);
    }

    [Fact]
    public async Task Claim_CountsTheAttempt_ReleaseGivesItBack_AndAnotherClaimCannotClearIt()
    {
        (await Apply(m => MessageLifecycle.ClaimAsync(m, At, "a:1", At.AddMinutes(2), CancellationToken.None))).Should().Be(1);
        (await Apply(m => MessageLifecycle.ClaimAsync(m, At, "b:1", At.AddMinutes(2), CancellationToken.None))).Should().Be(0, "the lease is live");
        Stored().Attempts.Should().Be(1);

        (await Apply(m => MessageLifecycle.ReleaseAsync(m, "b:1"))).Should().Be(0, "another dispatcher's claim is not released");
        (await Apply(m => MessageLifecycle.ReleaseAsync(m, "a:1"))).Should().Be(1);

        var message = Stored();
        message.Attempts.Should().Be(0);
        message.ClaimedBy.Should().BeNull();
    }

    [Fact]
    public async Task RetryScheduled_WaitsUntilItsTime_ThenIsDueAgain()
    {
        await Apply(m => MessageLifecycle.ClaimAsync(m, At, "a:1", At.AddMinutes(2), CancellationToken.None));
        (await Apply(m => MessageLifecycle.ScheduleRetryAsync(m, "a:1", At.AddSeconds(5), "Attempt 1 failed: HTTP 503 Retrying.", At))).Should().Be(1);

        using var db = _database.CreateDbContext();
        (await db.Messages.Due(At.AddSeconds(4)).CountAsync()).Should().Be(0);
        (await db.Messages.Due(At.AddSeconds(5)).CountAsync()).Should().Be(1);
        var message = Stored();
        message.Status.Should().Be(MessageStatus.Pending);
        message.Attempts.Should().Be(1);
        message.ErrorReason.Should().Be("Attempt 1 failed: HTTP 503 Retrying.");
    }

    [Fact]
    public void NoticeSent_MovesAPendingMessageOnly_AndLeavesTheAttemptCountToTheClaim()
    {
        var message = new Message { Content = "x", Encoding = "GSM-7", Status = MessageStatus.Pending, Attempts = 1 };

        MessageLifecycle.MarkNoticeSent(message, At, TimeSpan.FromHours(72)).Should().BeTrue();
        MessageLifecycle.MarkNoticeSent(message, At.AddMinutes(1), TimeSpan.FromHours(72)).Should().BeFalse();

        message.Status.Should().Be(MessageStatus.Sent);
        message.SentAt.Should().Be(At);
        message.SecureLinkExpiresAt.Should().Be(At.AddHours(72));
        message.Attempts.Should().Be(1);
    }
}

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Data;

/// <summary>Issue 15: a commit whose answer was lost (it reached the database) never stores its batch twice.</summary>
public sealed class MessageGroupCommitAmbiguityTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.FileBacked();
    private readonly FixedTimeProvider _clock = new();
    private readonly int _accountId;
    private readonly int _partnerId;

    public MessageGroupCommitAmbiguityTests()
    {
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        _partnerId = partner.Id;
        _accountId = TestData.AddAccount(db, partner, "riverside", null, ("default", "Default Location", SmsNumberStatus.Approved, "+16145550100")).Id;
    }

    public void Dispose() => _database.Dispose();

    private Message NewMessage(int i) => new()
    {
        AccountId = _accountId, ToNumber = $"+1614555{1000 + i:0000}", Kind = MessageKind.SmsText, Type = MessageType.Notification,
        Content = $"Reminder {i}", Encoding = "GSM-7", SegmentCount = 1, Status = MessageStatus.Pending, CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
    };

    private AuditRecord Audit(Message message) =>
        new("message.queued", "Message", message.Id.ToString(), $"Message #{message.Id} queued", _partnerId, _accountId);

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public async Task StoreAsync_CommitSucceededButReportedFailed_EachMessageStoredOnceAndAnswered(int count)
    {
        var groupCommit = new MessageGroupCommit(new InterceptedDatabase(_database, new AmbiguousCommits(times: 1)), new AuditLog(_clock));
        await using (groupCommit)
        {
            var stores = Enumerable.Range(0, count).Select(i => groupCommit.StoreAsync(NewMessage(i), Actor.System("test"), Audit)).ToList();

            var ids = await Task.WhenAll(stores);

            ids.Should().OnlyHaveUniqueItems().And.HaveCount(count);
        }

        await using var db = _database.CreateDbContext();
        (await db.Messages.CountAsync()).Should().Be(count);
        (await db.AuditEntries.CountAsync(e => e.Action == "message.queued")).Should().Be(count);
        (await AuditLog.VerifyAsync(db, CancellationToken.None)).IsIntact.Should().BeTrue();
    }
}

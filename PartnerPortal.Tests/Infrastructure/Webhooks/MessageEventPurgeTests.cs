using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Webhooks;
using PartnerPortal.Tests.Domain.Inbox;

namespace PartnerPortal.Tests.Infrastructure.Webhooks;

/// <summary>Relayed message events leave the outbox after the retention (7 days by default), audited; waiting ones never do.</summary>
public sealed class MessageEventPurgeTests : IDisposable
{
    private readonly InboxHarness _h = new();

    public void Dispose() => _h.Dispose();

    private long AddEvent(string status, DateTime occurredAt, DateTime? processedAt)
    {
        using var db = _h.Db();
        var e = new MessageEvent
        {
            EventType = WebhookEvents.MessageStatus, PartnerId = _h.Partner.Id, AccountId = _h.Account.Id, MessageId = null,
            Status = status, OccurredAt = occurredAt, ProcessedAt = processedAt,
        };
        db.MessageEvents.Add(e);
        db.SaveChanges();
        return e.Id;
    }

    private List<AuditEntry> PurgeEntries()
    {
        using var db = _h.Db();
        return db.AuditEntries.AsNoTracking().Where(e => e.Action == MessageEventRelay.PurgeAuditAction).OrderBy(e => e.Id).ToList();
    }

    [Fact]
    public async Task PurgeRelayedAsync_RelayedBeforeRetention_Deleted_RecentAndWaitingKept()
    {
        AddEvent("Sent", _h.Now.AddDays(-9), processedAt: _h.Now.AddDays(-8));
        var recent = AddEvent("Delivered", _h.Now.AddDays(-6), processedAt: _h.Now.AddDays(-6));
        var waiting = AddEvent("Failed", _h.Now.AddDays(-30), processedAt: null);

        var purged = await _h.Relay.PurgeRelayedAsync(_h.Now);

        purged.Should().Be(1);
        using var db = _h.Db();
        db.MessageEvents.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id).ToList().Should().Equal(recent, waiting);
        PurgeEntries().Should().ContainSingle().Which.Should().Match<AuditEntry>(e =>
            e.Summary == "1 message event relayed more than 7 days ago purged from the outbox"
            && e.ActorKind == ActorKind.System && e.ActorName == "Webhooks");
        (await AuditLog.VerifyAsync(db, CancellationToken.None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task PurgeRelayedAsync_NothingOldEnough_DeletesAndAuditsNothing()
    {
        AddEvent("Sent", _h.Now.AddDays(-2), processedAt: _h.Now.AddDays(-2));

        (await _h.Relay.PurgeRelayedAsync(_h.Now)).Should().Be(0);

        PurgeEntries().Should().BeEmpty();
        using var db = _h.Db();
        db.MessageEvents.AsNoTracking().Should().ContainSingle();
    }

    [Fact]
    public async Task RelayedFailure_AfterTheRetention_IsPurged_ItsNotificationStays()
    {
        var staff = _h.AddUser("PracticeStaff", _h.Partner.Id, _h.Account.Id);
        var failed = await _h.SendAsync(_h.Default);
        await _h.Callbacks.ApplyStatusAsync(_h.Account.Id, failed, MessageStatus.Failed, "Carrier rejected", CancellationToken.None);
        (await _h.Relay.RelayAsync()).Should().Be(1);

        (await _h.Relay.PurgeRelayedAsync(_h.Now.AddDays(8))).Should().Be(1);

        using var db = _h.Db();
        db.MessageEvents.AsNoTracking().Should().BeEmpty();
        _h.NotificationsOf(staff).Should().ContainSingle();
    }
}

using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Inbox;
using PartnerPortal.Domain.Privacy;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Privacy;
using PartnerPortal.Tests.Domain.Reports;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Privacy;

/// <summary>Copies of patients' replies (<c>message.inbound</c> bodies that carry content, Inbox previews) are redacted with the replies.</summary>
public sealed class ReplyCopiesRedactionTests : IDisposable
{
    private const string Jordan = "+16145550123";
    private static readonly DateTime Now = TestData.Now;
    private static readonly DateTime Cutoff = PhiDirective.CutoffFor(Now, PhiDirective.DefaultRetentionDays);

    private readonly TestDatabase _database = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly ContentRedactionJob _job;
    private readonly int _northwindId;
    private readonly Account _riverside;
    private readonly int _subscriptionId;

    public ReplyCopiesRedactionTests()
    {
        _job = new ContentRedactionJob(_database, new AuditLog(_clock), _clock, Options.Create(new PrivacyOptions()),
            NullLogger<ContentRedactionJob>.Instance);
        using var db = _database.CreateDbContext();
        var northwind = TestData.AddPartner(db, "northwind");
        _northwindId = northwind.Id;
        _riverside = TestData.AddAccount(db, northwind, "riverside");
        var subscription = new WebhookSubscription
        {
            PartnerId = northwind.Id, Url = "https://hooks.example/inbound", EventType = WebhookEvents.MessageInbound,
            ProtectedSecret = "x", CreatedBy = "Test", CreatedAt = Now.AddDays(-300), IncludeContent = true,
        };
        db.WebhookSubscriptions.Add(subscription);
        db.SaveChanges();
        _subscriptionId = subscription.Id;
    }

    public void Dispose() => _database.Dispose();

    private long AddDelivery(DateTime receivedAt, string? content, TimeSpan relayedAfter)
    {
        using var db = _database.CreateDbContext();
        var delivery = new WebhookDelivery
        {
            SubscriptionId = _subscriptionId, EventId = $"evt_{Guid.NewGuid():N}", EventType = WebhookEvents.MessageInbound,
            PayloadJson = WebhookPayloads.MessageInbound(receivedAt + relayedAfter, "riverside", Jordan, "+14065550120", receivedAt, null, content),
            Status = WebhookDeliveryStatus.Delivered, CreatedAt = receivedAt + relayedAfter,
        };
        db.WebhookDeliveries.Add(delivery);
        db.SaveChanges();
        return delivery.Id;
    }

    private JsonObject DataOf(long deliveryId)
    {
        using var db = _database.CreateDbContext();
        var json = db.WebhookDeliveries.AsNoTracking().Single(d => d.Id == deliveryId).PayloadJson;
        return JsonNode.Parse(json)!["data"]!.AsObject();
    }

    [Fact]
    public async Task RunOnceAsync_InboundPayloadsWithContentPastRetention_ContentRedactedRestKept()
    {
        var old = AddDelivery(Now.AddDays(-100), "My rash is worse", TimeSpan.FromSeconds(2));
        // Received before the cutoff, relayed after it (the relay was down): redacted by when the reply arrived.
        var relayedLate = AddDelivery(Cutoff.AddMinutes(-30), "Call me about my biopsy", TimeSpan.FromHours(1));
        var recent = AddDelivery(Now.AddDays(-1), "See you tomorrow", TimeSpan.FromSeconds(2));
        var withoutContent = AddDelivery(Now.AddDays(-100), null, TimeSpan.FromSeconds(2));

        await _job.RunOnceAsync(Now);

        DataOf(old)["content"]!.GetValue<string>().Should().Be(PhiDirective.RedactedContent);
        DataOf(relayedLate)["content"]!.GetValue<string>().Should().Be(PhiDirective.RedactedContent);
        DataOf(old)["from"]!.GetValue<string>().Should().Be(Jordan);
        DataOf(recent)["content"]!.GetValue<string>().Should().Be("See you tomorrow");
        DataOf(withoutContent).ContainsKey("content").Should().BeFalse();
        using var db = _database.CreateDbContext();
        db.AuditEntries.AsNoTracking().Where(e => e.Action == ContentRedactionJob.AuditAction && e.PartnerId == _northwindId)
            .Select(e => e.Summary).Should().ContainSingle()
            .Which.Should().Be("Content of 0 messages older than 90 days redacted; reply text removed from 2 webhook deliveries");
        (await AuditLog.VerifyAsync(db, CancellationToken.None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task RunOnceAsync_SecondRun_LeavesRedactedPayloadsAlone()
    {
        AddDelivery(Now.AddDays(-100), "My rash is worse", TimeSpan.FromSeconds(2));
        await _job.RunOnceAsync(Now);

        await _job.RunOnceAsync(Now.AddDays(1));

        using var db = _database.CreateDbContext();
        db.AuditEntries.AsNoTracking().Where(e => e.Action == ContentRedactionJob.AuditAction && e.PartnerId == _northwindId)
            .OrderBy(e => e.Id).Select(e => e.Summary).ToList().Last()
            .Should().Be("Content of 0 messages older than 90 days redacted");
    }

    [Fact]
    public async Task RunOnceAsync_InboxPreviewOfAReplyPastRetention_Redacted()
    {
        using (var db = _database.CreateDbContext())
        {
            db.InboxThreads.AddRange(
                new InboxThread { AccountId = _riverside.Id, Phone = Jordan, LastReplyAt = Now.AddDays(-100), LastActivityAt = Now.AddDays(-100), LastReplyPreview = "My rash is worse" },
                new InboxThread { AccountId = _riverside.Id, Phone = "+16145550124", LastReplyAt = Now.AddDays(-1), LastActivityAt = Now.AddDays(-1), LastReplyPreview = "See you tomorrow" });
            db.SaveChanges();
        }

        await _job.RunOnceAsync(Now);

        using var check = _database.CreateDbContext();
        check.InboxThreads.AsNoTracking().OrderBy(t => t.Phone).Select(t => t.LastReplyPreview).ToList()
            .Should().Equal(PhiDirective.RedactedContent, "See you tomorrow");
        check.AuditEntries.AsNoTracking().Where(e => e.Action == ContentRedactionJob.AuditAction && e.PartnerId == _northwindId)
            .Select(e => e.Summary).Should().ContainSingle().Which.Should().EndWith("reply text removed from 1 Inbox preview");
    }
}

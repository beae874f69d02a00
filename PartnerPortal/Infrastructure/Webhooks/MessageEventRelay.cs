using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Globalization;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Notifications;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Hosting;

namespace PartnerPortal.Infrastructure.Webhooks;

/// <summary>
/// Turns the message event outbox (<see cref="MessageEvent"/>) into work, oldest first: one webhook delivery per
/// enabled subscriber of the event's partner or account (the <see cref="WebhookDeliveryWorker"/> signs, sends and
/// retries them), and a "message failed" notification for the account's staff. A batch is taken, turned into
/// deliveries and marked processed in one transaction; a delivery's <c>webhook-id</c> is made of the event and the
/// subscription, and unique, so two instances relaying the same batch never deliver an event twice to a subscriber.
/// Relayed events are purged once they are older than <see cref="WebhookOptions.MessageEventRetention"/> (at most every
/// <see cref="WebhookOptions.MessageEventPurgeInterval"/>), audited; an event still waiting is never purged.
/// </summary>
public sealed class MessageEventRelay(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    NotificationPublisher notifications,
    WebhookDeliverySignal deliverySignal,
    AuditLog auditLog,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<MessageEventRelay> logger) : BackgroundService
{
    public const int BatchSize = 500;
    public const int PurgeChunkSize = 10_000;
    public const string PurgeAuditAction = "webhooks.message_events_purged";
    public static readonly Actor PurgeActor = Actor.System("Webhooks");

    private DateTime _nextPurgeAt = DateTime.MinValue;

    /// <summary>Relays every waiting event; returns how many events were processed.</summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var relayed = await DatabaseThread.RunAsync(() => RelayBatchAsync(cancellationToken), cancellationToken);
            if (relayed < 0)
            {
                continue; // another instance took part of the batch: take the next one
            }

            total += relayed;
            if (relayed < BatchSize)
            {
                return total;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RelayAsync(stoppingToken);
                var now = time.GetUtcNow().UtcDateTime;
                if (now >= _nextPurgeAt)
                {
                    _nextPurgeAt = now + options.Value.MessageEventPurgeInterval;
                    await PurgeRelayedAsync(now, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Relaying message events failed");
            }

            if (!await WorkerDelay.WaitAsync(options.Value.EventRelayInterval, time, stoppingToken))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Deletes the events relayed before <paramref name="now"/> less the retention, in chunks of <see cref="PurgeChunkSize"/>,
    /// each with its audit entry in its transaction (the audit chain is held for one chunk at a time). Returns how many.
    /// </summary>
    public async Task<int> PurgeRelayedAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var retention = options.Value.MessageEventRetention;
        var before = now - retention;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = 0;
        for (var more = true; more;)
        {
            var purged = 0;
            await auditLog.InTransactionAsync(db, async () =>
            {
                var chunk = db.MessageEvents.Where(e => e.ProcessedAt != null && e.ProcessedAt < before)
                    .OrderBy(e => e.ProcessedAt).ThenBy(e => e.Id).Select(e => e.Id).Take(PurgeChunkSize);
                purged = await db.MessageEvents.Where(e => chunk.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
                if (purged > 0)
                {
                    auditLog.Add(db, PurgeActor, new AuditRecord(PurgeAuditAction, nameof(MessageEvent), null,
                        $"{Events(purged)} relayed more than {retention.TotalDays.ToString("0.##", CultureInfo.InvariantCulture)} days ago purged from the outbox"));
                }
            }, cancellationToken);
            db.ChangeTracker.Clear();
            total += purged;
            more = purged == PurgeChunkSize;
        }

        return total;
    }

    private static string Events(int count) =>
        count == 1 ? "1 message event" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} message events";

    /// <summary>One batch in one transaction; -1 when another instance claimed some of its events first.</summary>
    private async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await db.MessageEvents.AsNoTracking().Where(e => e.ProcessedAt == null)
            .OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        var eventIds = events.Select(e => e.Id).ToList();
        var partnerIds = events.Select(e => e.PartnerId).Distinct().ToList();
        var accountIds = events.Select(e => e.AccountId).Distinct().ToList();
        var inboundIds = events.Where(e => e.InboundMessageId != null).Select(e => e.InboundMessageId!.Value).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The claim: only the transaction that marks every event of the batch goes on.
        var claimed = await db.MessageEvents.Where(e => eventIds.Contains(e.Id) && e.ProcessedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, now), cancellationToken);
        if (claimed != events.Count)
        {
            await transaction.RollbackAsync(cancellationToken);
            return -1;
        }

        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.Enabled && partnerIds.Contains(s.PartnerId)
                && (s.EventType == WebhookEvents.MessageStatus || s.EventType == WebhookEvents.MessageInbound))
            .Select(s => new { s.Id, s.PartnerId, s.AccountId, s.EventType, s.IncludeContent })
            .ToListAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id))
            .Select(a => new { a.Id, a.ExternalId }).ToDictionaryAsync(a => a.Id, a => a.ExternalId, cancellationToken);
        var inbound = inboundIds.Count == 0
            ? []
            : await db.InboundMessages.AsNoTracking().Where(m => inboundIds.Contains(m.Id))
                .Select(m => new { m.Id, m.FromNumber, m.ToNumber, m.Text, m.ReceivedAt })
                .ToDictionaryAsync(m => m.Id, cancellationToken);

        var deliveries = 0;
        var toNotify = new List<string>();
        foreach (var e in events)
        {
            var accountExternalId = accounts.GetValueOrDefault(e.AccountId) ?? "";
            foreach (var subscription in subscriptions.Where(s => s.EventType == e.EventType && s.PartnerId == e.PartnerId
                && (s.AccountId == null || s.AccountId == e.AccountId)))
            {
                string payload;
                if (e.EventType == WebhookEvents.MessageStatus)
                {
                    payload = WebhookPayloads.MessageStatus(now, PublicMessageId.Of(e.MessageId!.Value), accountExternalId, e.Status!, e.Reason, e.OccurredAt);
                }
                else if (e.InboundMessageId is { } inboundId && inbound.TryGetValue(inboundId, out var reply))
                {
                    payload = WebhookPayloads.MessageInbound(now, accountExternalId, reply.FromNumber, reply.ToNumber, reply.ReceivedAt,
                        e.MessageId is { } answered ? PublicMessageId.Of(answered) : null, subscription.IncludeContent ? reply.Text : null);
                }
                else
                {
                    continue;
                }

                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    SubscriptionId = subscription.Id,
                    EventId = $"evt_{e.Id}_{subscription.Id}",
                    EventType = e.EventType,
                    PayloadJson = payload,
                    Status = WebhookDeliveryStatus.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                    MessageId = e.MessageId,
                });
                deliveries++;
            }
        }

        // One "message failed" per account and batch: a provider outage must not bury the bell.
        foreach (var failed in events.Where(e => e is { EventType: WebhookEvents.MessageStatus, Status: nameof(MessageStatus.Failed) })
                     .GroupBy(e => e.AccountId))
        {
            var link = failed.Count() == 1 ? $"/messages/{failed.First().MessageId}" : $"/accounts/{failed.Key}";
            toNotify.AddRange(await notifications.AddAsync(db, NotificationKind.MessageFailed, failed.Key, link,
                NotificationAudience.AccountStaff, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (deliveries > 0)
        {
            deliverySignal.Notify();
        }

        notifications.Announce(toNotify.Distinct().ToList());
        return events.Count;
    }
}

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Domain.Webhooks;

/// <summary>
/// Records <c>message.status</c> events in the caller's transaction wherever a status changes (dispatcher, status callback).
/// Idempotent: each message's current status is recorded once, so any ids may be passed. Sent and Delivered are recorded only
/// when the message's partner or account has a subscriber; Failed always, because the relay also notifies the account's staff.
/// </summary>
public static class MessageEventOutbox
{
    public static async Task RecordStatusChangesAsync(ApplicationDbContext db, IReadOnlyCollection<long> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return;
        }

        var ids = messageIds as IList<long> ?? messageIds.ToList();
        var changed = await db.Messages.AsNoTracking()
            .Where(m => ids.Contains(m.Id) && m.Status != MessageStatus.Pending
                && (m.Status == MessageStatus.Failed || db.WebhookSubscriptions.Any(s => s.Enabled && s.EventType == WebhookEvents.MessageStatus
                    && s.PartnerId == m.Account.PartnerId && (s.AccountId == null || s.AccountId == m.AccountId))))
            .Select(m => new { m.Id, m.AccountId, m.Account.PartnerId, m.Status, m.ErrorReason, m.SentAt, m.DeliveredAt, m.FailedAt, m.UpdatedAt })
            .ToListAsync(cancellationToken);
        if (changed.Count == 0)
        {
            return;
        }

        var changedIds = changed.Select(m => (long?)m.Id).ToList();
        var recorded = (await db.MessageEvents.AsNoTracking()
                .Where(e => changedIds.Contains(e.MessageId) && e.EventType == WebhookEvents.MessageStatus && e.InboundMessageId == null)
                .Select(e => new { e.MessageId, e.Status })
                .ToListAsync(cancellationToken))
            .Select(e => (e.MessageId, e.Status))
            .ToHashSet();
        foreach (var m in changed)
        {
            var status = m.Status.ToString();
            if (recorded.Contains((m.Id, status)))
            {
                continue;
            }

            db.MessageEvents.Add(new MessageEvent
            {
                EventType = WebhookEvents.MessageStatus,
                PartnerId = m.PartnerId,
                AccountId = m.AccountId,
                MessageId = m.Id,
                Status = status,
                Reason = m.Status == MessageStatus.Failed ? m.ErrorReason : null,
                OccurredAt = m.Status switch
                {
                    MessageStatus.Sent => m.SentAt ?? m.UpdatedAt,
                    MessageStatus.Delivered => m.DeliveredAt ?? m.UpdatedAt,
                    _ => m.FailedAt ?? m.UpdatedAt,
                },
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;

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

        // One INSERT … SELECT in the status change's transaction: the dispatcher records hundreds of results per write, and
        // reading the rows back into the process before writing them doubled the time its claims waited for that write.
        // The ids are numbers written into the statement (no text from outside); the event type is a parameter.
        var ids = string.Join(",", messageIds.Distinct().Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var sql = $$"""
            INSERT INTO "MessageEvents" ("EventType", "PartnerId", "AccountId", "MessageId", "Status", "Reason", "OccurredAt")
            SELECT {0}, a."PartnerId", m."AccountId", m."Id", m."Status",
                CASE WHEN m."Status" = 'Failed' THEN m."ErrorReason" END,
                CASE m."Status" WHEN 'Sent' THEN COALESCE(m."SentAt", m."UpdatedAt")
                    WHEN 'Delivered' THEN COALESCE(m."DeliveredAt", m."UpdatedAt")
                    ELSE COALESCE(m."FailedAt", m."UpdatedAt") END
            FROM "Messages" AS m JOIN "Accounts" AS a ON a."Id" = m."AccountId"
            WHERE m."Id" IN ({{ids}}) AND m."Status" <> 'Pending'
                AND (m."Status" = 'Failed' OR EXISTS (SELECT 1 FROM "WebhookSubscriptions" AS s
                    WHERE s."Enabled" AND s."EventType" = {0} AND s."PartnerId" = a."PartnerId" AND (s."AccountId" IS NULL OR s."AccountId" = m."AccountId")))
                AND NOT EXISTS (SELECT 1 FROM "MessageEvents" AS e
                    WHERE e."MessageId" = m."Id" AND e."EventType" = {0} AND e."Status" = m."Status" AND e."InboundMessageId" IS NULL)
            ORDER BY m."Id"
            """;
        await db.Database.ExecuteSqlRawAsync(sql, [WebhookEvents.MessageStatus], cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Notifications;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Domain.Inbox;

/// <summary>What filing a reply did: its thread, and who to tell once the transaction committed.</summary>
public sealed record InboxFiled(int AccountId, long ThreadId, IReadOnlyList<string> NotifiedUsers, bool EventRecorded);

/// <summary>
/// Files a stored inbound text into the account's Inbox in the caller's transaction: one thread per sender number (any location),
/// the text it answers (the latest sent to that number from the receiving number, else from any of the account's), the queue (that
/// text's, else the thread's), the unread count (ordinary replies only: keywords are answered automatically), a <c>message.inbound</c>
/// event when subscribed, and a "reply received" notification when the thread turns unread. After the commit, <see cref="Announce"/>.
/// </summary>
public sealed class InboxFiling(NotificationPublisher notifications, LiveUpdates live)
{
    public const int PreviewLength = 120;

    public async Task<InboxFiled> FileAsync(ApplicationDbContext db, int partnerId, InboundMessage inbound, CancellationToken cancellationToken)
    {
        var accountId = inbound.AccountId;
        var phone = inbound.FromNumber;
        // The automatic answer to this very text (STOP's confirmation, HELP) is not what it answers.
        var sent = db.Messages.AsNoTracking()
            .Where(m => m.AccountId == accountId && m.ToNumber == phone && m.CreatedAt <= inbound.ReceivedAt && m.Id != inbound.ReplyMessageId);
        var answered = inbound.ToNumber is { } to ? await LatestAsync(sent.Where(m => m.SenderNumber == to), cancellationToken) : null;
        answered ??= await LatestAsync(sent, cancellationToken);

        var thread = await db.InboxThreads.FirstOrDefaultAsync(t => t.AccountId == accountId && t.Phone == phone, cancellationToken);
        if (thread is null)
        {
            thread = new InboxThread { AccountId = accountId, Phone = phone };
            db.InboxThreads.Add(thread);
        }

        thread.RecipientId ??= inbound.RecipientId ?? answered?.RecipientId;
        thread.LocationId = inbound.LocationId ?? thread.LocationId;
        thread.QueueLocationId = answered?.QueueLocationId ?? thread.QueueLocationId;
        thread.LastActivityAt = inbound.ReceivedAt;
        var isReply = inbound.Action == InboundAction.None;
        var turnedUnread = isReply && !thread.IsUnread;
        if (isReply)
        {
            thread.UnreadCount++;
            thread.IsUnread = true;
            thread.ReplyCount++;
            thread.LastReplyAt = inbound.ReceivedAt;
            thread.LastReplyPreview = inbound.Text.Length <= PreviewLength ? inbound.Text : inbound.Text[..PreviewLength];
        }

        await db.SaveChangesAsync(cancellationToken);
        inbound.ThreadId = thread.Id;
        inbound.InReplyToMessageId = answered?.Id;

        var subscribed = await db.WebhookSubscriptions.AnyAsync(s => s.Enabled && s.EventType == WebhookEvents.MessageInbound
            && s.PartnerId == partnerId && (s.AccountId == null || s.AccountId == accountId), cancellationToken);
        if (subscribed)
        {
            db.MessageEvents.Add(new MessageEvent
            {
                EventType = WebhookEvents.MessageInbound, PartnerId = partnerId, AccountId = accountId,
                MessageId = answered?.Id, InboundMessageId = inbound.Id, OccurredAt = inbound.ReceivedAt,
            });
        }

        IReadOnlyList<string> users = turnedUnread
            ? await notifications.AddAsync(db, NotificationKind.ReplyReceived, accountId, InboxLinks.Thread(accountId, thread.Id),
                NotificationAudience.AccountStaff, cancellationToken)
            : [];
        await db.SaveChangesAsync(cancellationToken);
        return new InboxFiled(accountId, thread.Id, users, subscribed);
    }

    private static Task<AnsweredText?> LatestAsync(IQueryable<Message> sent, CancellationToken cancellationToken) =>
        sent.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => new AnsweredText(m.Id, m.QueueLocationId, m.RecipientId))
            .FirstOrDefaultAsync(cancellationToken);

    private sealed record AnsweredText(long Id, int? QueueLocationId, int? RecipientId);

    /// <summary>After the commit: open Inboxes and bells update.</summary>
    public void Announce(InboxFiled? filed)
    {
        if (filed is null)
        {
            return;
        }

        live.InboxChanged(filed.AccountId);
        notifications.Announce(filed.NotifiedUsers);
    }
}

/// <summary>Links to the Inbox (one address for every role that may open it).</summary>
public static class InboxLinks
{
    public static string Of(int accountId) => $"/accounts/{accountId}/inbox";

    public static string Thread(int accountId, long threadId) => $"/accounts/{accountId}/inbox?thread={threadId}";
}

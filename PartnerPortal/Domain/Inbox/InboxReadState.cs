using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Inbox;

/// <summary>How a thread came to be read or unread, for its audit entry.</summary>
public enum InboxReadCause
{
    Marked,
    Opened,
    Answered,
}

/// <summary>
/// A thread's read/unread state, changed with its audit entry in one transaction. The update is conditional on the
/// state it replaces, so two users (or instances) opening the same unread thread change it, and audit it, once.
/// </summary>
public static class InboxReadState
{
    public const string ReadAction = "inbox.thread_read";
    public const string UnreadAction = "inbox.thread_unread";

    /// <summary>Marks the thread read or unread; returns true when its state changed (then it is audited).</summary>
    public static async Task<bool> SetAsync(ApplicationDbContext db, AuditLog auditLog, Actor actor, long threadId, bool read,
        InboxReadCause cause, CancellationToken cancellationToken)
    {
        var changed = false;
        await auditLog.InTransactionAsync(db, async () =>
        {
            var thread = await db.InboxThreads.AsNoTracking().Where(t => t.Id == threadId)
                .Select(t => new { t.AccountId, t.UnreadCount, t.IsUnread, PartnerId = db.Accounts.Where(a => a.Id == t.AccountId).Select(a => a.PartnerId).First() })
                .FirstOrDefaultAsync(cancellationToken);
            if (thread is null || thread.IsUnread != read)
            {
                return;
            }

            var after = read ? 0 : Math.Max(thread.UnreadCount, 1);
            var rows = await db.InboxThreads.Where(t => t.Id == threadId && t.IsUnread == read)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UnreadCount, after).SetProperty(t => t.IsUnread, !read), cancellationToken);
            if (rows == 0)
            {
                return;
            }

            changed = true;
            auditLog.Add(db, actor, new AuditRecord(
                read ? ReadAction : UnreadAction, nameof(InboxThread), threadId.ToString(CultureInfo.InvariantCulture),
                $"Conversation #{threadId} {Describe(read, cause)}", thread.PartnerId, thread.AccountId,
                Changes: [new FieldChange("Unread", Count(thread.UnreadCount), Count(after))]));
        }, cancellationToken);
        return changed;
    }

    private static string Describe(bool read, InboxReadCause cause) => (read, cause) switch
    {
        (true, InboxReadCause.Opened) => "read (opened)",
        (true, InboxReadCause.Answered) => "read (answered)",
        (true, _) => "marked read",
        _ => "marked unread",
    };

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}

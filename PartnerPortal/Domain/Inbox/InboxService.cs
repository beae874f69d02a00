using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Notifications;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Inbox;

/// <summary>
/// An account's Inbox (DESIGN §7): threads (unread first, then latest; by queue, location, search), a thread's texts in order,
/// read/unread, queue assignment, and answers through the one send pipeline (<see cref="SendService"/>: all of DESIGN §4).
/// For the account's PracticeStaff and its partner's PartnerAdmins (<see cref="PortalPolicies.UseInbox"/>, else 4030); another
/// tenant's account is "not found".
/// </summary>
public sealed class InboxService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    SendService sendService,
    AuditLog auditLog,
    LiveUpdates live,
    TimeProvider time)
{
    public const int MaxPageSize = 100;
    public const int MaxEntries = 300;

    public async Task<Result<InboxThreadList>> ListAsync(InboxQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await RefusalAsync(db, query.AccountId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var all = db.InboxThreads.AsNoTracking().Where(t => t.AccountId == query.AccountId);
        var threads = all;
        if (query.QueueLocationId is { } queue)
        {
            threads = threads.Where(t => t.QueueLocationId == queue);
        }

        if (query.LocationId is { } location)
        {
            threads = threads.Where(t => t.LocationId == location);
        }

        if (query.UnreadOnly)
        {
            threads = threads.Where(t => t.IsUnread);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
            var pattern = $"%{text.ToLowerInvariant()}%";
            threads = threads.Where(t =>
                (digits.Length >= 3 && t.Phone.Contains(digits))
                || (t.LastReplyPreview != null && EF.Functions.Like(t.LastReplyPreview.ToLower(), pattern))
                || db.Recipients.Any(r => r.Id == t.RecipientId
                    && (EF.Functions.Like(r.FirstName!.ToLower(), pattern) || EF.Functions.Like(r.LastName!.ToLower(), pattern)
                        || EF.Functions.Like((r.FirstName + " " + r.LastName).ToLower(), pattern))));
        }

        var total = await threads.CountAsync(cancellationToken);
        var unread = await all.CountAsync(t => t.IsUnread, cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await threads
            .OrderByDescending(t => t.IsUnread).ThenByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Id)
            .Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize)
            .Select(t => new InboxThreadSummary(
                t.Id, t.Phone,
                db.Recipients.Where(r => r.Id == t.RecipientId).Select(r => r.FirstName + " " + r.LastName).FirstOrDefault(),
                db.Locations.Where(l => l.Id == t.LocationId).Select(l => l.Name).FirstOrDefault(),
                db.Locations.Where(l => l.Id == t.QueueLocationId).Select(l => l.Name).FirstOrDefault(),
                t.UnreadCount, t.ReplyCount, t.LastActivityAt, t.LastReplyPreview))
            .ToListAsync(cancellationToken);
        return Result<InboxThreadList>.Ok(new InboxThreadList(rows, total, unread));
    }

    /// <summary>A thread with its texts in order (the latest <see cref="MaxEntries"/>); opening it marks it read.</summary>
    public async Task<Result<InboxThreadDetails>> OpenAsync(long threadId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var thread = await db.InboxThreads.AsNoTracking().FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        if (thread is null)
        {
            return Error.NotFound("The conversation");
        }

        if (await RefusalAsync(db, thread.AccountId, cancellationToken) is { } refusal)
        {
            return refusal.Code == ResultCodes.NotFound ? Error.NotFound("The conversation") : refusal;
        }

        if (thread.IsUnread)
        {
            await SetReadAsync(db, thread.AccountId, thread.Id, read: true, InboxReadCause.Opened, cancellationToken);
        }

        var accountId = thread.AccountId;
        var phone = thread.Phone;
        var places = await PlacesOf(db, accountId, cancellationToken);
        var names = places.ToDictionary(p => p.Id, p => p.Name);
        var sent = await db.Messages.AsNoTracking().Where(m => m.AccountId == accountId && m.ToNumber == phone)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(MaxEntries)
            .Select(m => new { m.Id, m.CreatedAt, m.Content, m.Kind, m.Status, m.LocationId })
            .ToListAsync(cancellationToken);
        var received = await db.InboundMessages.AsNoTracking().Where(m => m.AccountId == accountId && m.FromNumber == phone)
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).Take(MaxEntries)
            .Select(m => new { m.Id, m.ReceivedAt, m.Text, m.LocationId, m.Keyword })
            .ToListAsync(cancellationToken);
        var entries = sent.Select(m => new InboxEntry(true, m.Id, m.CreatedAt,
                m.Kind == MessageKind.SecureText ? "Secure Text: " + m.Content : m.Content, m.Status.ToString(),
                m.LocationId is { } l ? names.GetValueOrDefault(l) : null, null))
            .Concat(received.Select(m => new InboxEntry(false, m.Id, m.ReceivedAt, m.Text, null,
                m.LocationId is { } l ? names.GetValueOrDefault(l) : null, m.Keyword)))
            .OrderBy(e => e.At).ThenBy(e => e.Outbound ? 0 : 1).ThenBy(e => e.Id)
            .TakeLast(MaxEntries)
            .ToList();
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.BusinessName).FirstAsync(cancellationToken);
        var patient = thread.RecipientId is { } recipientId
            ? await db.Recipients.AsNoTracking().Where(r => r.Id == recipientId).Select(r => r.FirstName + " " + r.LastName).FirstOrDefaultAsync(cancellationToken)
            : null;
        return Result<InboxThreadDetails>.Ok(new InboxThreadDetails(
            thread.Id, accountId, account, phone, thread.RecipientId, patient, thread.LocationId, thread.QueueLocationId, 0, entries, places));
    }

    /// <summary>Marks a thread read or unread (shared by the account's staff: the front desk works one Inbox); audited.</summary>
    public async Task<Result> MarkAsync(long threadId, bool read, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accountId = await db.InboxThreads.AsNoTracking().Where(t => t.Id == threadId).Select(t => (int?)t.AccountId).FirstOrDefaultAsync(cancellationToken);
        if (accountId is null)
        {
            return Result.Fail(Error.NotFound("The conversation"));
        }

        if (await RefusalAsync(db, accountId.Value, cancellationToken) is { } refusal)
        {
            return Result.Fail(refusal.Code == ResultCodes.NotFound ? Error.NotFound("The conversation") : refusal);
        }

        await SetReadAsync(db, accountId.Value, threadId, read, InboxReadCause.Marked, cancellationToken);
        return Result.Ok();
    }

    /// <summary>Assigns a thread to a queue of its account (null: no queue); audited.</summary>
    public async Task<Result> AssignQueueAsync(long threadId, int? queueLocationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var thread = await db.InboxThreads.FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        if (thread is null)
        {
            return Result.Fail(Error.NotFound("The conversation"));
        }

        if (await RefusalAsync(db, thread.AccountId, cancellationToken) is { } refusal)
        {
            return Result.Fail(refusal.Code == ResultCodes.NotFound ? Error.NotFound("The conversation") : refusal);
        }

        string? queueName = null;
        if (queueLocationId is { } queueId)
        {
            queueName = await db.Locations.AsNoTracking()
                .Where(l => l.Id == queueId && l.AccountId == thread.AccountId && l.Kind == LocationKind.Queue)
                .Select(l => l.Name).FirstOrDefaultAsync(cancellationToken);
            if (queueName is null)
            {
                return Result.Fail(Error.ForField("queue", "Choose one of the account's queues."));
            }
        }

        if (thread.QueueLocationId == queueLocationId)
        {
            return Result.Ok();
        }

        var before = thread.QueueLocationId;
        thread.QueueLocationId = queueLocationId;
        var accountPartner = await db.Accounts.AsNoTracking().Where(a => a.Id == thread.AccountId).Select(a => a.PartnerId).FirstAsync(cancellationToken);
        var actor = await currentActor.GetAsync(cancellationToken);
        auditLog.Add(db, actor, new AuditRecord(
            "inbox.thread_assigned", nameof(InboxThread), thread.Id.ToString(CultureInfo.InvariantCulture),
            queueName is null ? $"Conversation #{thread.Id} removed from its queue" : $"Conversation #{thread.Id} assigned to the queue {queueName}",
            accountPartner, thread.AccountId,
            Changes: [new FieldChange("Queue", before?.ToString(CultureInfo.InvariantCulture), queueLocationId?.ToString(CultureInfo.InvariantCulture))]));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        live.InboxChanged(thread.AccountId);
        return Result.Ok();
    }

    /// <summary>Answers in a thread through the send pipeline (the thread's queue goes with the text); the thread is then read.</summary>
    public async Task<Result<SendOutcome>> ReplyAsync(InboxReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        InboxThread? thread;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            thread = await db.InboxThreads.AsNoTracking().FirstOrDefaultAsync(t => t.Id == reply.ThreadId, cancellationToken);
            if (thread is null)
            {
                return Error.NotFound("The conversation");
            }

            if (await RefusalAsync(db, thread.AccountId, cancellationToken) is { } refusal)
            {
                return refusal.Code == ResultCodes.NotFound ? Error.NotFound("The conversation") : refusal;
            }
        }

        var sent = await sendService.SendAsync(new SendRequest
        {
            AccountId = thread.AccountId,
            LocationId = reply.LocationId,
            RecipientId = thread.RecipientId,
            Recipient = thread.RecipientId is null ? new InlineRecipient(thread.Phone) : null,
            Content = reply.Content,
            QueueLocationId = thread.QueueLocationId,
            ConfirmedWarnings = reply.ConfirmedWarnings,
        }, cancellationToken);
        if (!sent.Succeeded)
        {
            return sent;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.InboxThreads.Where(t => t.Id == thread.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastActivityAt, now), cancellationToken);
            await SetReadAsync(db, thread.AccountId, thread.Id, read: true, InboxReadCause.Answered, cancellationToken);
        }

        live.InboxChanged(thread.AccountId);
        return sent;
    }

    /// <summary>Unread conversations and replies of the last 24 hours (Home, the navigation); zeros for anyone without the Inbox.</summary>
    public async Task<InboxCounts> CountsAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await RefusalAsync(db, accountId, cancellationToken) is not null)
        {
            return new InboxCounts(0, 0);
        }

        var since = time.GetUtcNow().UtcDateTime.AddHours(-24);
        var unread = await db.InboxThreads.AsNoTracking().CountAsync(t => t.AccountId == accountId && t.IsUnread, cancellationToken);
        var replies = await db.InboundMessages.AsNoTracking()
            .CountAsync(m => m.AccountId == accountId && m.ReceivedAt >= since && m.Action == Delivery.InboundAction.None, cancellationToken);
        return new InboxCounts(unread, replies);
    }

    /// <summary>The Inbox's filters: the account's locations and queues.</summary>
    public async Task<Result<IReadOnlyList<InboxPlace>>> PlacesAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await RefusalAsync(db, accountId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        return Result<IReadOnlyList<InboxPlace>>.Ok(await PlacesOf(db, accountId, cancellationToken));
    }

    private async Task SetReadAsync(ApplicationDbContext db, int accountId, long threadId, bool read, InboxReadCause cause, CancellationToken cancellationToken)
    {
        if (await InboxReadState.SetAsync(db, auditLog, await currentActor.GetAsync(cancellationToken), threadId, read, cause, cancellationToken))
        {
            live.InboxChanged(accountId);
        }
    }

    private static Task<List<InboxPlace>> PlacesOf(ApplicationDbContext db, int accountId, CancellationToken cancellationToken) =>
        db.Locations.AsNoTracking().Where(l => l.AccountId == accountId)
            .OrderBy(l => l.Kind).ThenByDescending(l => l.IsDefault).ThenBy(l => l.SortOrder).ThenBy(l => l.Name)
            .Select(l => new InboxPlace(l.Id, l.Name, l.Kind == LocationKind.Queue,
                l.SmsNumber != null && l.SmsNumber.Status == SmsNumberStatus.Approved && l.SmsNumber.Number != null))
            .ToListAsync(cancellationToken);

    /// <summary>4030 for a role without the Inbox, "not found" for an account outside the actor's scope.</summary>
    private async Task<Error?> RefusalAsync(ApplicationDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.UseInbox))
        {
            return PortalPolicies.Refusal;
        }

        return await db.Accounts.AsNoTracking().VisibleTo(actor).AnyAsync(a => a.Id == accountId, cancellationToken)
            ? null
            : Error.NotFound("The account");
    }
}

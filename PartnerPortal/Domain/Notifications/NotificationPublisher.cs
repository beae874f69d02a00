using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Notifications;

/// <summary>
/// Fans a notification out to the enabled users it concerns, by <see cref="NotificationAudience"/> within the account's scope
/// (Operators across partners). <see cref="AddAsync"/> adds the rows to the caller's context, so they are saved with their cause;
/// after the commit the caller passes the returned users to <see cref="Announce"/>. Operators never hear of messages or replies
/// (PHI): <see cref="OperatorKinds"/> is enforced here, whatever a caller asks for.
/// </summary>
public sealed class NotificationPublisher(IDbContextFactory<ApplicationDbContext> dbFactory, LiveUpdates live, TimeProvider time)
{
    public static readonly IReadOnlySet<NotificationKind> OperatorKinds = new HashSet<NotificationKind> { NotificationKind.VerificationRequested };

    /// <summary>The text of a notification: the account's name and what happened; never a patient, number or content.</summary>
    public static string TextFor(NotificationKind kind, string accountName) => kind switch
    {
        NotificationKind.NumberApproved => $"SMS number approved for {accountName}",
        NotificationKind.NumberRejected => $"SMS number rejected for {accountName}: action needed",
        NotificationKind.MessageFailed => $"A text from {accountName} failed",
        NotificationKind.ReplyReceived => $"New reply in the Inbox of {accountName}",
        NotificationKind.OptOutToReview => $"A reply to {accountName} may be an opt-out: review it",
        NotificationKind.VerificationRequested => $"Verification requested for {accountName}",
        _ => accountName,
    };

    /// <summary>
    /// Adds one notification per user of <paramref name="audience"/> for <paramref name="accountId"/> to
    /// <paramref name="db"/> (saved by the caller) and returns those users, for <see cref="Announce"/> after the commit.
    /// </summary>
    public async Task<IReadOnlyList<string>> AddAsync(ApplicationDbContext db, NotificationKind kind, int accountId, string link,
        NotificationAudience audience, CancellationToken cancellationToken)
    {
        if (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException("A notification links to a page of the portal (a path starting with /).", nameof(link));
        }

        if (!OperatorKinds.Contains(kind))
        {
            audience &= ~NotificationAudience.Operators;
        }

        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.PartnerId, a.BusinessName }).FirstOrDefaultAsync(cancellationToken);
        if (account is null || audience == NotificationAudience.None)
        {
            return [];
        }

        var roles = new List<string>();
        if (audience.HasFlag(NotificationAudience.AccountStaff)) roles.Add(PortalRoles.PracticeStaff);
        if (audience.HasFlag(NotificationAudience.PartnerAdmins)) roles.Add(PortalRoles.PartnerAdmin);
        if (audience.HasFlag(NotificationAudience.SupportAgents)) roles.Add(PortalRoles.SupportAgent);
        if (audience.HasFlag(NotificationAudience.Operators)) roles.Add(PortalRoles.Operator);

        var partnerId = account.PartnerId;
        var users = await (
                from user in db.Users.AsNoTracking()
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where !user.IsDisabled && roles.Contains(role.Name!)
                    && ((role.Name == PortalRoles.PracticeStaff && user.AccountId == accountId && user.PartnerId == partnerId)
                        || ((role.Name == PortalRoles.PartnerAdmin || role.Name == PortalRoles.SupportAgent) && user.PartnerId == partnerId && user.AccountId == null)
                        || role.Name == PortalRoles.Operator)
                select user.Id)
            .Distinct()
            .ToListAsync(cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var text = TextFor(kind, account.BusinessName);
        foreach (var userId in users)
        {
            db.Notifications.Add(new Notification
            {
                UserId = userId, Kind = kind, Text = text, Link = link, PartnerId = partnerId, AccountId = accountId, CreatedAt = now,
            });
        }

        return users;
    }

    /// <summary>Tells open tabs of <paramref name="userIds"/> that they have new notifications (call after the commit).</summary>
    public void Announce(IReadOnlyList<string> userIds) => live.NotificationsChanged(userIds);

    /// <summary>
    /// Stores and announces a notification on its own (for a caller without a transaction of its own, e.g. a review
    /// queue raising "opt-out to review": <c>PublishAsync(NotificationKind.OptOutToReview, accountId, link, AccountStaff | PartnerAdmins)</c>).
    /// </summary>
    public async Task PublishAsync(NotificationKind kind, int accountId, string link, NotificationAudience audience, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await AddAsync(db, kind, accountId, link, audience, cancellationToken);
        if (users.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            Announce(users);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Notifications;

public sealed record NotificationSummary(long Id, NotificationKind Kind, string Text, string Link, DateTime CreatedAt, bool IsRead);

/// <summary>The bell's newest notifications and the unread count.</summary>
public sealed record NotificationList(IReadOnlyList<NotificationSummary> Items, int Unread);

/// <summary>The signed-in user's own notifications (the bell): list, unread count, mark read.</summary>
public sealed class NotificationService(IDbContextFactory<ApplicationDbContext> dbFactory, ICurrentActor currentActor, LiveUpdates live, TimeProvider time)
{
    public const int BellSize = 15;

    public async Task<NotificationList> ListAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (UserOf(actor) is not { } userId)
        {
            return new NotificationList([], 0);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        var items = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(BellSize)
            .Select(n => new NotificationSummary(n.Id, n.Kind, n.Text, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(cancellationToken);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        return new NotificationList(items, unread);
    }

    /// <summary>Marks one of the user's notifications read (when it is opened); returns its link.</summary>
    public async Task<Result<string>> OpenAsync(long notificationId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (UserOf(actor) is not { } userId)
        {
            return Error.NotFound("The notification");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.Notifications.AsNoTracking().Where(n => n.Id == notificationId && n.UserId == userId)
            .Select(n => n.Link).FirstOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            return Error.NotFound("The notification");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.Id == notificationId && n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        live.NotificationsChanged([userId]);
        return Result<string>.Ok(link);
    }

    public async Task MarkAllReadAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (UserOf(actor) is not { } userId)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        live.NotificationsChanged([userId]);
    }

    private static string? UserOf(Actor actor) => actor is { Kind: ActorKind.User, Role: not null } ? actor.Id : null;
}

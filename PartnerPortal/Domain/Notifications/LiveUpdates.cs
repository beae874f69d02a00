using System.Collections.Concurrent;

namespace PartnerPortal.Domain.Notifications;

/// <summary>What changed: a user's notifications, or an account's Inbox.</summary>
public sealed record LiveUpdate(string? UserId, int? AccountId);

/// <summary>
/// The in-process notifier open tabs listen to (bell, Inbox count, open Inbox): writers publish after their commit and listeners
/// reload from the database; it holds only registrations (removed when a circuit disposes its component), never data. One per
/// process: another instance's change shows on the next load (sticky sessions; stored notifications are never missed).
/// </summary>
public sealed class LiveUpdates
{
    private readonly ConcurrentDictionary<long, Listener> _listeners = new();
    private long _next;

    /// <summary>Listens to a user's notifications and/or an account's Inbox; dispose to stop.</summary>
    public IDisposable Subscribe(string? userId, int? accountId, Func<LiveUpdate, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var id = Interlocked.Increment(ref _next);
        _listeners[id] = new Listener(userId, accountId, handler);
        return new Registration(this, id);
    }

    /// <summary>How many listeners are registered (tests check that disposed circuits leave none behind).</summary>
    public int ListenerCount => _listeners.Count;

    public void NotificationsChanged(IEnumerable<string> userIds)
    {
        var users = userIds.ToHashSet(StringComparer.Ordinal);
        if (users.Count == 0)
        {
            return;
        }

        foreach (var listener in _listeners.Values)
        {
            if (listener.UserId is { } user && users.Contains(user))
            {
                Fire(listener, new LiveUpdate(user, null));
            }
        }
    }

    public void InboxChanged(int accountId)
    {
        foreach (var listener in _listeners.Values)
        {
            if (listener.AccountId == accountId)
            {
                Fire(listener, new LiveUpdate(null, accountId));
            }
        }
    }

    private static void Fire(Listener listener, LiveUpdate update) =>
        // A listener's failure (a circuit going away) never reaches the writer.
        _ = Task.Run(async () =>
        {
            try
            {
                await listener.Handler(update);
            }
            catch (Exception)
            {
            }
        });

    private sealed record Listener(string? UserId, int? AccountId, Func<LiveUpdate, Task> Handler);

    private sealed class Registration(LiveUpdates owner, long id) : IDisposable
    {
        public void Dispose() => owner._listeners.TryRemove(id, out _);
    }
}

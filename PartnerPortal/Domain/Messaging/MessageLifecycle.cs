using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// Every status and attempt change of a stored message: Pending → Sent → Delivered | Failed, never backwards, and the
/// attempt count moved only by a dispatcher's claim (and given back when the claim is released unsent). The changes are
/// set-based (one UPDATE for a batch) because the dispatcher records hundreds of results per transaction; each method
/// takes the rows it may change and adds the guard that keeps the status moving forward, and returns the rows changed.
/// </summary>
public static class MessageLifecycle
{
    public const int MaxReasonLength = 1000;

    /// <summary>Due for a dispatcher at <paramref name="at"/>: Pending, its time come, not waiting for a retry, not claimed by a live lease.</summary>
    public static IQueryable<Message> Due(this IQueryable<Message> messages, DateTime at) =>
        messages.Where(m => m.Status == MessageStatus.Pending
            && (m.ScheduledFor == null || m.ScheduledFor <= at)
            && (m.NextAttemptAt == null || m.NextAttemptAt <= at)
            && (m.ClaimedUntil == null || m.ClaimedUntil <= at));

    /// <summary>A dispatcher takes the due rows until <paramref name="until"/> and counts the attempt it is about to make.</summary>
    public static Task<int> ClaimAsync(IQueryable<Message> messages, DateTime at, string token, DateTime until, CancellationToken cancellationToken) =>
        messages.Due(at).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ClaimedBy, token)
            .SetProperty(m => m.ClaimedUntil, until)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);

    /// <summary>The claim ends unsent (the dispatcher stopped, or the lease ran short): its attempt is given back.</summary>
    public static Task<int> ReleaseAsync(IQueryable<Message> messages, string token) =>
        messages.Where(m => m.ClaimedBy == token).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, m => m.Attempts - 1)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null));

    /// <summary>
    /// The claimed attempt ended without changing the status (a Secure Text's e-mail notice, which marked the message
    /// Sent itself): the claim is cleared.
    /// </summary>
    public static Task<int> EndClaimAsync(IQueryable<Message> messages, string token) =>
        messages.Where(m => m.ClaimedBy == token).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
            .SetProperty(m => m.NextAttemptAt, (DateTime?)null));

    /// <summary>A failed attempt with attempts left: Pending again after <paramref name="next"/>, the note saying why.</summary>
    public static Task<int> ScheduleRetryAsync(IQueryable<Message> messages, string token, DateTime next, string note, DateTime at) =>
        messages.Where(m => m.Status == MessageStatus.Pending && m.ClaimedBy == token).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.ErrorReason, Truncate(note))
            .SetProperty(m => m.UpdatedAt, at)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null));

    /// <summary>Sent (the provider accepted it): only from Pending, so a callback's Delivered or Failed is never moved back.</summary>
    public static Task<int> MarkSentAsync(IQueryable<Message> messages, DateTime at, CancellationToken cancellationToken = default) =>
        messages.Where(m => m.Status == MessageStatus.Pending).ExecuteUpdateAsync(s => Final(s, at)
            .SetProperty(m => m.Status, MessageStatus.Sent)
            .SetProperty(m => m.SentAt, m => m.SentAt ?? at)
            .SetProperty(m => m.ErrorCode, (string?)null)
            .SetProperty(m => m.ErrorReason, (string?)null), cancellationToken);

    /// <summary>Delivered (the provider's callback): from Pending or Sent; the first final status wins.</summary>
    public static Task<int> MarkDeliveredAsync(IQueryable<Message> messages, DateTime at, CancellationToken cancellationToken = default) =>
        messages.Where(m => m.Status == MessageStatus.Pending || m.Status == MessageStatus.Sent).ExecuteUpdateAsync(s => Final(s, at)
            .SetProperty(m => m.Status, MessageStatus.Delivered)
            .SetProperty(m => m.SentAt, m => m.SentAt ?? at)
            .SetProperty(m => m.DeliveredAt, at)
            .SetProperty(m => m.ErrorReason, (string?)null), cancellationToken);

    /// <summary>
    /// Failed with a code and reason. <paramref name="afterSent"/>: the provider may fail a text it reported Sent (its
    /// callback); the dispatcher's own verdicts and cancellations apply only while the message is still Pending.
    /// </summary>
    public static Task<int> FailAsync(IQueryable<Message> messages, string code, string reason, DateTime at, bool afterSent = false,
        CancellationToken cancellationToken = default) =>
        (afterSent ? messages.Where(m => m.Status == MessageStatus.Pending || m.Status == MessageStatus.Sent) : messages.Where(m => m.Status == MessageStatus.Pending))
            .ExecuteUpdateAsync(s => Final(s, at)
                .SetProperty(m => m.Status, MessageStatus.Failed)
                .SetProperty(m => m.FailedAt, at)
                .SetProperty(m => m.ErrorCode, code)
                .SetProperty(m => m.ErrorReason, Truncate(reason)), cancellationToken);

    /// <summary>
    /// A Secure Text's e-mail notice left (the message changes in the caller's context, saved with its audit entry):
    /// Sent, with its link's lifetime starting now. The attempt was counted by the dispatcher's claim.
    /// </summary>
    public static bool MarkNoticeSent(Message message, DateTime at, TimeSpan linkLifetime)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Status != MessageStatus.Pending)
        {
            return false;
        }

        message.Status = MessageStatus.Sent;
        message.SentAt = at;
        message.UpdatedAt = at;
        message.SecureLinkExpiresAt = at + linkLifetime;
        return true;
    }

    // A status change ends the message's claim and any retry wait.
    private static UpdateSettersBuilder<Message> Final(UpdateSettersBuilder<Message> s, DateTime at) => s
        .SetProperty(m => m.UpdatedAt, at)
        .SetProperty(m => m.ClaimedBy, (string?)null)
        .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
        .SetProperty(m => m.NextAttemptAt, (DateTime?)null);

    private static string Truncate(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength];
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Delivery;

public enum TimelineEventKind
{
    Created,
    Attempt,
    RetryScheduled,
    Sent,
    Delivered,
    Failed,
}

/// <summary>One line of a message's timeline.</summary>
public sealed record TimelineEvent(DateTime At, TimelineEventKind Kind, string Title, string? Detail, bool IsError);

/// <summary>One text of the recipient's thread (outbound messages and inbound replies of that number).</summary>
public sealed record ThreadEntry(DateTime At, bool Inbound, string Text, long? MessageId, MessageStatus? Status, InboundAction? Action);

/// <summary>The message page: the message, its timeline and its recipient's thread.</summary>
public sealed record MessageDetails(
    long Id,
    int AccountId,
    string AccountName,
    string? LocationName,
    string? SenderNumber,
    string? RecipientName,
    string? To,
    MessageKind Kind,
    NotifyMethod? NotifyMethod,
    MessageType Type,
    MessageStatus Status,
    string Encoding,
    int Segments,
    string? Content,
    string? ErrorCode,
    string? ErrorReason,
    int Attempts,
    DateTime CreatedAt,
    DateTime? SentAt,
    DateTime? DeliveredAt,
    DateTime? FailedAt,
    IReadOnlyList<TimelineEvent> Timeline,
    IReadOnlyList<ThreadEntry> Thread)
{
    /// <summary>True for vendor staff (Operators): content, recipient and replies were left out (DESIGN §1).</summary>
    public bool PhiHidden { get; init; }

    /// <summary>Delivered and Failed never change again.</summary>
    public bool IsFinal => Status is MessageStatus.Delivered or MessageStatus.Failed;
}

/// <summary>
/// Reads one message for its page (tenant-scoped: another tenant's message is not found): created, each
/// attempt with its result, sent, delivered or failed; and the recipient's thread. A Secure Text's content
/// is never shown here (it is PHI behind its link).
/// </summary>
public sealed class MessageTimelineService(IDbContextFactory<ApplicationDbContext> dbFactory, ICurrentActor currentActor)
{
    public const int ThreadLength = 20;
    public const string SecureContentHidden = "Secure Text: the content is shown only to the recipient, through the link.";
    public const string PhiHiddenText = "Content is not shown to vendor staff.";

    public async Task<Result<MessageDetails>> GetAsync(long messageId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.Accounts.VisibleTo(actor).Select(a => a.Id);
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.Id == messageId && visible.Contains(m.AccountId))
            .Select(m => new
            {
                m.Id, m.AccountId, AccountName = m.Account.BusinessName, LocationName = m.Location == null ? null : m.Location.Name,
                m.SenderNumber,
                RecipientName = m.Recipient == null ? null : ((m.Recipient.FirstName ?? "") + " " + (m.Recipient.LastName ?? "")).Trim(),
                m.ToNumber, m.ToEmail, m.Kind, m.NotifyMethod, m.Type, m.Status, m.Encoding, m.SegmentCount, m.Content,
                m.ErrorCode, m.ErrorReason, m.Attempts, m.CreatedAt, m.SentAt, m.DeliveredAt, m.FailedAt, m.NextAttemptAt,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return Error.NotFound("The message");
        }

        var attempts = await db.MessageAttempts.AsNoTracking()
            .Where(a => a.MessageId == messageId)
            .OrderBy(a => a.Number)
            .ToListAsync(cancellationToken);

        var timeline = new List<TimelineEvent>
        {
            new(message.CreatedAt, TimelineEventKind.Created, "Created",
                $"Queued as Pending ({message.SegmentCount} {(message.SegmentCount == 1 ? "segment" : "segments")}, {message.Encoding})", false),
        };
        var lastAttempt = attempts.LastOrDefault();
        foreach (var attempt in attempts)
        {
            var final = attempt == lastAttempt && message.Status == MessageStatus.Failed;
            timeline.Add(new TimelineEvent(attempt.StartedAt, TimelineEventKind.Attempt,
                $"Attempt {attempt.Number}: {AttemptText(attempt.Result, final)}", AttemptDetail(attempt), attempt.Result is AttemptResult.Rejected or AttemptResult.Error));
        }

        if (message.Status == MessageStatus.Pending && message.NextAttemptAt is { } next && lastAttempt is not null)
        {
            timeline.Add(new TimelineEvent(next, TimelineEventKind.RetryScheduled, "Next attempt scheduled", null, false));
        }

        if (message.SentAt is { } sent)
        {
            timeline.Add(new TimelineEvent(sent, TimelineEventKind.Sent, "Sent",
                message.Kind == MessageKind.SecureText && message.NotifyMethod == NotifyMethod.Email ? "Notice emailed" : "Accepted by the SMS provider", false));
        }

        if (message.DeliveredAt is { } delivered)
        {
            timeline.Add(new TimelineEvent(delivered, TimelineEventKind.Delivered, "Delivered", "Reported by the SMS provider", false));
        }

        if (message.Status == MessageStatus.Failed)
        {
            timeline.Add(new TimelineEvent(message.FailedAt ?? message.CreatedAt, TimelineEventKind.Failed, "Failed", message.ErrorReason, true));
        }

        var ordered = timeline.Select((e, i) => (e, i)).OrderBy(p => p.e.At).ThenBy(p => p.i).Select(p => p.e).ToList();
        if (!actor.Can(PortalPolicies.ReadMessages))
        {
            // Vendor staff (Operators): the message's metadata and timeline only, never its content, recipient or replies.
            return Result<MessageDetails>.Ok(new MessageDetails(
                message.Id, message.AccountId, message.AccountName, message.LocationName, message.SenderNumber, null, null,
                message.Kind, message.NotifyMethod, message.Type, message.Status, message.Encoding, message.SegmentCount, null,
                message.ErrorCode, message.ErrorReason, message.Attempts, message.CreatedAt, message.SentAt, message.DeliveredAt, message.FailedAt,
                ordered, []) { PhiHidden = true });
        }

        var thread = message.ToNumber is null ? [] : await ThreadAsync(db, message.AccountId, message.ToNumber, cancellationToken);
        return Result<MessageDetails>.Ok(new MessageDetails(
            message.Id, message.AccountId, message.AccountName, message.LocationName, message.SenderNumber,
            string.IsNullOrWhiteSpace(message.RecipientName) ? null : message.RecipientName, message.ToNumber ?? message.ToEmail,
            message.Kind, message.NotifyMethod, message.Type, message.Status, message.Encoding, message.SegmentCount,
            message.Kind == MessageKind.SmsText ? message.Content : null,
            message.ErrorCode, message.ErrorReason, message.Attempts, message.CreatedAt, message.SentAt, message.DeliveredAt, message.FailedAt,
            ordered, thread));
    }

    private static async Task<IReadOnlyList<ThreadEntry>> ThreadAsync(ApplicationDbContext db, int accountId, string number, CancellationToken cancellationToken)
    {
        var outbound = await db.Messages.AsNoTracking()
            .Where(m => m.AccountId == accountId && m.ToNumber == number)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(ThreadLength)
            .Select(m => new { m.Id, m.CreatedAt, m.Kind, m.Content, m.Status })
            .ToListAsync(cancellationToken);
        var inbound = await db.InboundMessages.AsNoTracking()
            .Where(m => m.AccountId == accountId && m.FromNumber == number)
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Take(ThreadLength)
            .Select(m => new { m.ReceivedAt, m.Text, m.Action })
            .ToListAsync(cancellationToken);
        return outbound
            .Select(m => new ThreadEntry(m.CreatedAt, false, m.Kind == MessageKind.SecureText ? "Secure Text notice" : m.Content, m.Id, m.Status, null))
            .Concat(inbound.Select(m => new ThreadEntry(m.ReceivedAt, true, m.Text, null, null, m.Action)))
            .OrderByDescending(e => e.At)
            .Take(ThreadLength)
            .OrderBy(e => e.At)
            .ToList();
    }

    private static string AttemptText(AttemptResult result, bool final) => result switch
    {
        AttemptResult.InProgress => "in progress",
        AttemptResult.Sent => "accepted by the provider",
        AttemptResult.Rejected => "refused by the provider",
        AttemptResult.Error when final => "failed (no attempts left)",
        AttemptResult.Error => "failed, will be retried",
        _ => "interrupted; sent again with the same retId",
    };

    private static string? AttemptDetail(MessageAttempt attempt)
    {
        var status = attempt.HttpStatus is { } code ? $"HTTP {code.ToString(CultureInfo.InvariantCulture)}" : null;
        return (status, attempt.Error) switch
        {
            (null, null) => null,
            (null, var error) => error,
            (var s, null) => s,
            var (s, error) => error.StartsWith(s!, StringComparison.Ordinal) ? error : $"{s}: {error}",
        };
    }
}

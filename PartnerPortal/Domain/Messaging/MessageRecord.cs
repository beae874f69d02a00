using System.Linq.Expressions;

namespace PartnerPortal.Domain.Messaging;

/// <summary>A message as an integration reads it back (internal ids: the API turns them into its public ids).</summary>
public sealed record MessageRecord(
    long MessageId,
    int AccountId,
    int? PatientId,
    string Status,
    int SmsCount,
    string Content,
    string? Provider,
    string? ErrorReason,
    DateTime? SentOn,
    DateTime? DeliveredAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ScheduledFor = null)
{
    /// <summary>The row as a record, in SQL (a Secure Text's content never leaves the portal).</summary>
    public static readonly Expression<Func<Message, MessageRecord>> Projection = m =>
        new MessageRecord(m.Id, m.AccountId, m.RecipientId, m.Status.ToString(), m.SegmentCount,
            m.Kind == MessageKind.SecureText ? "" : m.Content, m.Provider, m.ErrorReason, m.SentAt, m.DeliveredAt, m.CreatedAt, m.UpdatedAt, m.ScheduledFor);
}

public sealed record MessageRecordPage(IReadOnlyList<MessageRecord> Data, int Count);

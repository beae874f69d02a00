using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// Where a send's data comes from and goes to. The send pipeline states what its rules need and what it stores; how
/// that is made fast (kept connections and prepared statements, compiled queries, the group commit) is the Data
/// layer's business (<c>Data/MessageStore</c>), the same for the Send dialog and both APIs.
/// </summary>
public interface IMessageStore
{
    /// <summary>A send's reads, all through one context kept for the send.</summary>
    ValueTask<ISendSession> OpenSendAsync(CancellationToken cancellationToken);

    /// <summary>A message of <paramref name="accountId"/> (the APIs' busiest read).</summary>
    Task<MessageRecord?> FindAsync(long messageId, int accountId, CancellationToken cancellationToken);
}

/// <summary>One send's view of the database. Not tenant-scoped: the pipeline checks the actor against what it reads.</summary>
public interface ISendSession : IAsyncDisposable
{
    /// <summary>The account's partner's SMS API activation; null when there is no such account.</summary>
    Task<bool?> ApiEnabledAsync(int accountId, CancellationToken cancellationToken);

    /// <summary>The partner's SMS API activation (false when there is no such partner).</summary>
    Task<bool> PartnerApiEnabledAsync(int partnerId, CancellationToken cancellationToken);

    /// <summary>The account named by its external id, among <paramref name="partnerId"/>'s (null: any partner's).</summary>
    Task<AccountRef?> AccountByExternalIdAsync(int? partnerId, string externalId, CancellationToken cancellationToken);

    Task<int?> LocationByExternalIdAsync(int accountId, string externalId, CancellationToken cancellationToken);

    /// <summary>The account with its partner, locations and their numbers, untracked.</summary>
    Task<Account?> AccountAsync(int accountId, CancellationToken cancellationToken);

    Task<KnownRecipient?> RecipientAsync(int accountId, int recipientId, CancellationToken cancellationToken);

    Task<KnownRecipient?> PatientByProviderIdAsync(int accountId, string providerId, CancellationToken cancellationToken);

    Task<RecipientOptOut?> OptOutAsync(int accountId, string phone, CancellationToken cancellationToken);

    Task<bool> HasProviderUrlAsync(int accountId, CancellationToken cancellationToken);

    /// <summary>The message stored earlier under <paramref name="idempotencyKey"/> for the account, if any.</summary>
    Task<KeyedMessage?> ByIdempotencyKeyAsync(int accountId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Lets go of the connection before the pipeline calls services that open their own (a send never holds two).
    /// Later reads open it again.
    /// </summary>
    Task ReleaseAsync();

    /// <summary>
    /// Stores the message (and the patient it creates, if any) with their audit entries in one durable transaction;
    /// completes once committed. The session's connection is released first, so none is held while the write waits.
    /// A clash of Idempotency-Keys surfaces as <c>DbUpdateException</c>.
    /// </summary>
    Task StoreAsync(NewMessage send, CancellationToken cancellationToken);
}

/// <summary>A message to store: <see cref="Patient"/>, when given, is stored first and becomes its recipient.</summary>
public sealed record NewMessage(Message Message, Actor Actor, Func<Message, AuditRecord> Audit, Recipient? Patient = null,
    Func<Recipient, AuditRecord>? PatientAudit = null);

public sealed record AccountRef(int Id, int PartnerId);

/// <summary>An address-book entry as the send pipeline reads it: with the opt-out of its mobile, if any.</summary>
public sealed record KnownRecipient(Recipient Recipient, DateTime? OptedOutAt, string? OptOutKeyword)
{
    public RecipientOptOut? OptOut => OptedOutAt is { } at ? new RecipientOptOut(at, OptOutKeyword ?? "") : null;
}

public sealed record RecipientOptOut(DateTime OptedOutAt, string Keyword);

/// <summary>What a replay of an Idempotency-Key answers with, and the fingerprint of the request that stored it.</summary>
public sealed record KeyedMessage(long Id, MessageStatus Status, int SegmentCount, string Encoding, DateTime CreatedAt, string? RequestFingerprint,
    int? RecipientId, DateTime? ScheduledFor);

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Data;

/// <summary>
/// One send's reads on one rented context, its connection opened once for all of them (an open is not free, see
/// <see cref="ConnectionScope"/>) and released before the write waits for its batch.
/// </summary>
internal sealed class SendSession(ApiContexts.Lease lease, MessageGroupCommit groupCommit, AuditLog auditLog) : ISendSession
{
    private ConnectionScope? _connection;

    private ApplicationDbContext Db => lease.Db;

    public async Task<bool?> ApiEnabledAsync(int accountId, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return await SendQueries.ApiEnabled.For(Db)(Db, accountId, cancellationToken);
    }

    public async Task<bool> PartnerApiEnabledAsync(int partnerId, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return await SendQueries.PartnerApiEnabled.For(Db)(Db, partnerId, cancellationToken);
    }

    public async Task<AccountRef?> AccountByExternalIdAsync(int? partnerId, string externalId, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return partnerId is { } id
            ? await SendQueries.AccountOfPartnerByExternalId.For(Db)(Db, id, externalId, cancellationToken)
            : await SendQueries.AccountByExternalId.For(Db)(Db, externalId, cancellationToken);
    }

    public async Task<int?> LocationByExternalIdAsync(int accountId, string externalId, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return await SendQueries.LocationByExternalId.For(Db)(Db, accountId, externalId, cancellationToken);
    }

    public async Task<Account?> AccountAsync(int accountId, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return await SendQueries.AccountWithLocationsAsync(Db, accountId, cancellationToken);
    }

    public async Task<KnownRecipient?> RecipientAsync(int accountId, int recipientId, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return await SendQueries.RecipientById.For(Db)(Db, accountId, recipientId, cancellationToken);
    }

    public async Task<KnownRecipient?> PatientByProviderIdAsync(int accountId, string providerId, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return await SendQueries.PatientByProviderId.For(Db)(Db, accountId, providerId, cancellationToken);
    }

    public async Task<RecipientOptOut?> OptOutAsync(int accountId, string phone, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return await SendQueries.OptOut.For(Db)(Db, accountId, phone, cancellationToken);
    }

    public async Task<bool> HasProviderUrlAsync(int accountId, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return await SendQueries.HasProviderUrl.For(Db)(Db, accountId, cancellationToken);
    }

    public async Task<KeyedMessage?> ByIdempotencyKeyAsync(int accountId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return await SendQueries.ByIdempotencyKey.For(Db)(Db, accountId, idempotencyKey, cancellationToken);
    }

    public async Task ReleaseAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    public async Task StoreAsync(NewMessage send, CancellationToken cancellationToken)
    {
        if (send.Patient is not { } patient)
        {
            await ReleaseAsync(); // not held while the batch commits (see PooledContextTests)
            await groupCommit.StoreAsync(send.Message, send.Actor, send.Audit);
            return;
        }

        // The patient exists only if the message does: one transaction for both and their audit entries.
        await auditLog.InTransactionAsync(Db, async () =>
        {
            Db.Recipients.Add(patient);
            await Db.SaveChangesAsync(cancellationToken);
            send.Message.RecipientId = patient.Id;
            Db.Messages.Add(send.Message);
            await Db.SaveChangesAsync(cancellationToken);
            if (send.PatientAudit is not null)
            {
                auditLog.Add(Db, send.Actor, send.PatientAudit(patient));
            }

            auditLog.Add(Db, send.Actor, send.Audit(send.Message));
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await lease.DisposeAsync();
    }

    private async ValueTask OpenAsync(CancellationToken cancellationToken) =>
        _connection ??= await ConnectionScope.OpenAsync(Db, cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Data;

/// <summary>
/// The send's side of the database (<see cref="IMessageStore"/>): each send reads through a context of
/// <see cref="ApiContexts"/> (on SQLite a kept connection with its prepared statements) by compiled queries, and its
/// message is written by <see cref="MessageGroupCommit"/> with the other sends waiting at that moment.
/// </summary>
public sealed class MessageStore : IMessageStore, IAsyncDisposable
{
    private readonly ApiContexts _contexts;
    private readonly AuditLog _auditLog;
    private readonly MessageGroupCommit _groupCommit;

    public MessageStore(ApiContexts contexts, IDbContextFactory<ApplicationDbContext> dbFactory, AuditLog auditLog)
    {
        _contexts = contexts;
        _auditLog = auditLog;
        _groupCommit = new MessageGroupCommit(dbFactory, auditLog);
    }

    /// <summary>Over the factory's own contexts (as on PostgreSQL): tools and tests without the app's kept contexts.</summary>
    public MessageStore(IDbContextFactory<ApplicationDbContext> dbFactory, AuditLog auditLog)
        : this(new ApiContexts(dbFactory), dbFactory, auditLog)
    {
    }

    public async ValueTask<ISendSession> OpenSendAsync(CancellationToken cancellationToken) =>
        new SendSession(await _contexts.RentAsync(cancellationToken), _groupCommit, _auditLog);

    public async Task<MessageRecord?> FindAsync(long messageId, int accountId, CancellationToken cancellationToken)
    {
        await using var lease = await _contexts.RentAsync(cancellationToken);
        return await SendQueries.MessageOfAccount.For(lease.Db)(lease.Db, messageId, accountId, cancellationToken);
    }

    public ValueTask DisposeAsync() => _groupCommit.DisposeAsync();
}

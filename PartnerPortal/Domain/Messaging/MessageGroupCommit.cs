using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// Group commit for new messages: concurrent sends are written by one writer, many per transaction, so
/// each message is still durable (its transaction is committed before its request is answered) but a busy
/// API pays for one commit per batch instead of one per message. Each message's audit entry is in the same
/// transaction. If a batch fails (say one message's Idempotency-Key raced another), its messages are
/// written one by one, so one bad write fails only its own request.
/// </summary>
public sealed class MessageGroupCommit : IAsyncDisposable
{
    public const int MaxBatch = 256;

    private readonly IDbContextFactory<ApplicationDbContext> _dbFactory;
    private readonly AuditLog _auditLog;
    private readonly Channel<Write> _queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public MessageGroupCommit(IDbContextFactory<ApplicationDbContext> dbFactory, AuditLog auditLog)
    {
        _dbFactory = dbFactory;
        _auditLog = auditLog;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Stores <paramref name="message"/> with the audit entry <paramref name="audit"/> builds from it; completes once committed.</summary>
    public Task<long> StoreAsync(Message message, Actor actor, Func<Message, AuditRecord> audit)
    {
        var write = new Write(message, actor, audit, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(write))
        {
            throw new InvalidOperationException("The message writer has stopped.");
        }

        return write.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Write>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                await CommitAsync(batch);
                batch.ForEach(w => w.Done.TrySetResult(w.Message.Id));
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var write in batch)
                {
                    try
                    {
                        await CommitAsync([write]);
                        write.Done.TrySetResult(write.Message.Id);
                    }
                    catch (Exception exception)
                    {
                        write.Done.TrySetException(exception);
                    }
                }
            }
            catch (Exception exception)
            {
                batch[0].Done.TrySetException(exception);
            }
        }
    }

    private async Task CommitAsync(IReadOnlyList<Write> writes)
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        await _auditLog.InTransactionAsync(db, async () =>
        {
            // One prepared insert for the batch's messages, then one for their audit entries (RowInserter).
            await RowInserter.InsertAsync(db, writes.Select(w => w.Message).ToList(), CancellationToken.None);
            await AuditLog.AppendAsync(db, writes.Select(w => _auditLog.Create(w.Actor, w.Audit(w.Message))).ToList(), CancellationToken.None);
        }, CancellationToken.None);
    }

    private sealed record Write(Message Message, Actor Actor, Func<Message, AuditRecord> Audit, TaskCompletionSource<long> Done);
}

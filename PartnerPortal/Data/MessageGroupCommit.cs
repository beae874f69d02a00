using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Data;

/// <summary>
/// Group commit for new messages: concurrent sends are written by one writer, many per transaction, so
/// each message is still durable (its transaction is committed before its request is answered) but a busy
/// API pays for one commit per batch instead of one per message. Each message's audit entry is in the same
/// transaction. If a batch fails (say one message's Idempotency-Key raced another), its messages are
/// written one by one, so one bad write fails only its own request. A failure can be ambiguous (the commit
/// reached the database but its answer was lost): before writing anything again the writer checks whether the
/// batch's last audit entry is stored, and if so the batch stands as written.
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

            var written = new List<AuditEntry>(batch.Count);
            try
            {
                await CommitAsync(batch, written);
                batch.ForEach(w => w.Done.TrySetResult(w.Message.Id));
            }
            catch (Exception exception)
            {
                var committed = await WasCommittedAsync(written);
                if (committed == true)
                {
                    batch.ForEach(w => w.Done.TrySetResult(w.Message.Id));
                }
                else if (batch.Count == 1 || committed is null)
                {
                    // Unknown whether it was stored: fail the requests rather than risk storing them twice.
                    batch.ForEach(w => w.Done.TrySetException(exception));
                }
                else
                {
                    foreach (var write in batch)
                    {
                        await CommitAloneAsync(write);
                    }
                }
            }
        }
    }

    private async Task CommitAloneAsync(Write write)
    {
        var written = new List<AuditEntry>(1);
        try
        {
            await CommitAsync([write], written);
            write.Done.TrySetResult(write.Message.Id);
        }
        catch (Exception exception)
        {
            if (await WasCommittedAsync(written) == true)
            {
                write.Done.TrySetResult(write.Message.Id);
            }
            else
            {
                write.Done.TrySetException(exception);
            }
        }
    }

    /// <summary>Writes the messages and their audit entries; <paramref name="written"/> gets the entries once they are inserted (ids and hashes set).</summary>
    private async Task CommitAsync(IReadOnlyList<Write> writes, List<AuditEntry> written)
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        await _auditLog.InTransactionAsync(db, async () =>
        {
            // One prepared insert for the batch's messages, then one for their audit entries (RowInserter).
            await RowInserter.InsertAsync(db, writes.Select(w => w.Message).ToList(), CancellationToken.None);
            var entries = writes.Select(w => _auditLog.Create(w.Actor, w.Audit(w.Message))).ToList();
            await AuditLog.AppendAsync(db, entries, CancellationToken.None);
            written.AddRange(entries);
        }, CancellationToken.None);
    }

    /// <summary>
    /// Whether a write that reported a failure was committed all the same: its last audit entry (same id and chained
    /// hash, which no other entry can have) is in the database. False when the entries were never inserted; null when
    /// the database cannot be asked.
    /// </summary>
    private async Task<bool?> WasCommittedAsync(List<AuditEntry> written)
    {
        if (written.Count == 0 || written[^1] is not { Id: > 0, Hash.Length: > 0 } last)
        {
            return false;
        }

        try
        {
            await using var db = await _dbFactory.CreateDbContextAsync();
            return await db.AuditEntries.AsNoTracking().AnyAsync(e => e.Id == last.Id && e.Hash == last.Hash);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private sealed record Write(Message Message, Actor Actor, Func<Message, AuditRecord> Audit, TaskCompletionSource<long> Done);
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PartnerPortal.Data;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>The contexts of a <see cref="TestDatabase"/> (SQLite or PostgreSQL) with an EF Core interceptor added.</summary>
public sealed class InterceptedDatabase : IDbContextFactory<ApplicationDbContext>
{
    private readonly Func<ApplicationDbContext> _create;

    public InterceptedDatabase(TestDatabase database, IInterceptor interceptor)
    {
        using var probe = database.CreateDbContext();
        var type = probe.GetType();
        var options = probe.GetService<IDbContextOptions>();
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(type), options)!;
        builder.AddInterceptors(interceptor);
        var intercepted = builder.Options;
        _create = () => (ApplicationDbContext)Activator.CreateInstance(type, intercepted)!;
    }

    public ApplicationDbContext CreateDbContext() => _create();
}

/// <summary>Fails the next <paramref name="times"/> commands whose SQL <paramref name="matches"/>, as a database hiccup would.</summary>
public sealed class FailingCommands(Func<string, bool> matches, int times) : DbCommandInterceptor
{
    private int _left = times;
    private int _failed;

    public int Failed => Volatile.Read(ref _failed);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    private void Check(DbCommand command)
    {
        if (matches(command.CommandText) && Interlocked.Decrement(ref _left) >= 0)
        {
            Interlocked.Increment(ref _failed);
            throw new InvalidOperationException("Simulated database failure (test interceptor).");
        }
    }
}

/// <summary>
/// Reports the next <paramref name="times"/> commits as failed after they were made: an ambiguous commit (the
/// database stored it, the answer was lost on the way back).
/// </summary>
public sealed class AmbiguousCommits(int times) : DbTransactionInterceptor
{
    private int _left = times;

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref _left) >= 0)
        {
            throw new InvalidOperationException("The connection was lost while committing (test interceptor).");
        }

        return base.TransactionCommittedAsync(transaction, eventData, cancellationToken);
    }
}

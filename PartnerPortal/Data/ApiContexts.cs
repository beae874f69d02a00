using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PartnerPortal.Data;

/// <summary>
/// Contexts for the API's busiest requests (a send, a message by id). On SQLite each keeps its own connection open
/// for its whole life, with <see cref="SqliteStatementCache"/>, so the same queries run again without opening a
/// connection or preparing a statement (together most of a send's cost); up to <see cref="MaxIdle"/> wait between
/// requests and the rest are closed when handed back. A context is lent again only in the state it was lent in: no
/// transaction, no reader left open (an unfinished statement would keep reading its old snapshot, and hold back WAL
/// checkpoints, for as long as the connection lives), the change tracker cleared and the context's settings as built;
/// otherwise it is closed. On PostgreSQL (Npgsql keeps prepared statements per pooled connection itself) the app's
/// pooled contexts are handed out as they are.
/// </summary>
public sealed class ApiContexts : IAsyncDisposable
{
    public const int MaxIdle = 64;

    private readonly IDbContextFactory<ApplicationDbContext> _factory;
    private readonly DbContextOptions<ApplicationDbContext>? _sqliteOptions;
    private readonly string? _connectionString;
    private readonly ConcurrentBag<Slot> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    /// <summary>Hands out the app's pooled contexts (PostgreSQL).</summary>
    public ApiContexts(IDbContextFactory<ApplicationDbContext> factory) => _factory = factory;

    /// <summary>SQLite: contexts built from <paramref name="options"/> (the app's), each on a connection of its own.</summary>
    public ApiContexts(IDbContextFactory<ApplicationDbContext> factory, DbContextOptions<ApplicationDbContext> options, string connectionString)
    {
        _factory = factory;
        _sqliteOptions = options;
        _connectionString = connectionString;
    }

    public int IdleCount => Volatile.Read(ref _idleCount);

    public async ValueTask<Lease> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_sqliteOptions is null)
        {
            return new Lease(this, new Slot(await _factory.CreateDbContextAsync(cancellationToken), null));
        }

        if (_idle.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return new Lease(this, idle);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            SqliteConnectionSettings.Apply(connection);
            // Opened here, not by EF Core, so EF Core never closes it (a close would drop the prepared statements).
            var options = new DbContextOptionsBuilder<ApplicationDbContext>(_sqliteOptions)
                .UseSqlite(connection)
                .AddInterceptors(SqliteStatementCache.Instance)
                .Options;
            return new Lease(this, new Slot(new ApplicationDbContext(options), connection));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await DrainAsync();
    }

    private async ValueTask ReturnAsync(Slot slot)
    {
        if (slot.Connection is null || _disposed || !slot.IsReusable())
        {
            await slot.CloseAsync();
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            await slot.CloseAsync();
            return;
        }

        slot.Reset();
        _idle.Add(slot);
        if (_disposed)
        {
            await DrainAsync(); // disposed while this one was being put back
        }
    }

    private async ValueTask DrainAsync()
    {
        while (_idle.TryTake(out var slot))
        {
            Interlocked.Decrement(ref _idleCount);
            await slot.CloseAsync();
        }
    }

    /// <summary>A context for one request; disposing it hands it back (once: a second dispose does nothing).</summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly ApiContexts _owner;
        private readonly Slot _slot;
        private int _returned;

        internal Lease(ApiContexts owner, Slot slot)
        {
            _owner = owner;
            _slot = slot;
        }

        public ApplicationDbContext Db => _slot.Db;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _returned, 1) == 0 ? _owner.ReturnAsync(_slot) : ValueTask.CompletedTask;
    }

    /// <summary>A context and, on SQLite, the connection it keeps.</summary>
    internal sealed class Slot(ApplicationDbContext db, SqliteConnection? connection)
    {
        private readonly bool _autoDetectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        private readonly QueryTrackingBehavior _tracking = db.ChangeTracker.QueryTrackingBehavior;
        private readonly int? _commandTimeout = db.Database.GetCommandTimeout();
        private readonly AutoTransactionBehavior _autoTransactions = db.Database.AutoTransactionBehavior;

        public ApplicationDbContext Db { get; } = db;

        public SqliteConnection? Connection { get; } = connection;

        public bool IsReusable() =>
            Connection is { State: System.Data.ConnectionState.Open } connection
            && Db.Database.CurrentTransaction is null
            && connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0
            && !SqliteStatementCache.HasOpenReaders(connection)
            && Db.ChangeTracker.AutoDetectChangesEnabled == _autoDetectChanges
            && Db.ChangeTracker.QueryTrackingBehavior == _tracking
            && Db.Database.GetCommandTimeout() == _commandTimeout
            && Db.Database.AutoTransactionBehavior == _autoTransactions;

        public void Reset()
        {
            Db.ChangeTracker.Clear();
            SqliteStatementCache.ForgetParameters(Connection!);
        }

        public async ValueTask CloseAsync()
        {
            await Db.DisposeAsync();
            if (Connection is not null)
            {
                await Connection.DisposeAsync();
            }
        }
    }
}

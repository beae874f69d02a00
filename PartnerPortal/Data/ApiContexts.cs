using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PartnerPortal.Data;

/// <summary>
/// Contexts for the API's busiest requests (a send, a message by id). On SQLite each keeps its own connection open
/// for its whole life, with <see cref="SqliteStatementCache"/>, so the same queries run again without opening a
/// connection or preparing a statement (together most of a send's cost); up to <see cref="MaxIdle"/> wait between
/// requests and the rest are closed when handed back. A context comes back empty (change tracker cleared) or is
/// dropped if it still holds a transaction. On PostgreSQL (Npgsql keeps prepared statements per pooled connection
/// itself) the app's pooled contexts are handed out as they are.
/// </summary>
public sealed class ApiContexts : IAsyncDisposable
{
    public const int MaxIdle = 64;

    private readonly IDbContextFactory<ApplicationDbContext> _factory;
    private readonly DbContextOptions<ApplicationDbContext>? _sqliteOptions;
    private readonly string? _connectionString;
    private readonly ConcurrentBag<Lease> _idle = [];
    private bool _disposed;

    /// <summary>Hands out the app's pooled contexts (PostgreSQL).</summary>
    public ApiContexts(IDbContextFactory<ApplicationDbContext> factory) => _factory = factory;

    /// <summary>SQLite: contexts built from <paramref name="options"/> (the app's), each on a connection of its own.</summary>
    public ApiContexts(IDbContextFactory<ApplicationDbContext> factory, DbContextOptions<ApplicationDbContext> options, string connectionString)
    {
        _factory = factory;
        _sqliteOptions = options;
        _connectionString = connectionString;
    }

    public int IdleCount => _idle.Count;

    public async ValueTask<Lease> RentAsync(CancellationToken cancellationToken)
    {
        if (_sqliteOptions is null)
        {
            return new Lease(this, await _factory.CreateDbContextAsync(cancellationToken), null);
        }

        if (_idle.TryTake(out var idle))
        {
            return idle;
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // Opened here, not by EF Core, so EF Core never closes it (a close would drop the prepared statements).
        var options = new DbContextOptionsBuilder<ApplicationDbContext>(_sqliteOptions)
            .UseSqlite(connection)
            .AddInterceptors(SqliteStatementCache.Instance)
            .Options;
        var db = new ApplicationDbContext(options);
        await SqliteConnectionSettings.ApplyAsync(connection, cancellationToken);
        return new Lease(this, db, connection);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var lease))
        {
            await lease.CloseAsync();
        }
    }

    private async ValueTask ReturnAsync(Lease lease)
    {
        if (lease.Connection is null)
        {
            await lease.Db.DisposeAsync();
            return;
        }

        if (!_disposed && lease.Connection.State == System.Data.ConnectionState.Open && lease.Db.Database.CurrentTransaction is null
            && _idle.Count < MaxIdle)
        {
            lease.Db.ChangeTracker.Clear();
            _idle.Add(lease);
            return;
        }

        await lease.CloseAsync();
    }

    /// <summary>A context for one request; disposing it hands it back.</summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly ApiContexts _owner;

        internal Lease(ApiContexts owner, ApplicationDbContext db, SqliteConnection? connection)
        {
            _owner = owner;
            Db = db;
            Connection = connection;
        }

        public ApplicationDbContext Db { get; }

        internal SqliteConnection? Connection { get; }

        public ValueTask DisposeAsync() => _owner.ReturnAsync(this);

        internal async ValueTask CloseAsync()
        {
            await Db.DisposeAsync();
            if (Connection is not null)
            {
                await Connection.DisposeAsync();
            }
        }
    }
}

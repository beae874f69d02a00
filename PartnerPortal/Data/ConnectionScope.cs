using Microsoft.EntityFrameworkCore;

namespace PartnerPortal.Data;

/// <summary>
/// Keeps a context's connection open for several commands (opening one is not free: EF Core's SQLite provider
/// registers its functions on every open) and closes it when disposed. Every explicit open must be closed: a pooled
/// context keeps EF Core's count of explicit opens from one lease to the next, and an unbalanced one leaves its
/// connection open for good.
/// </summary>
public readonly struct ConnectionScope : IAsyncDisposable
{
    private readonly DbContext _db;

    private ConnectionScope(DbContext db) => _db = db;

    public static async Task<ConnectionScope> OpenAsync(DbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new ConnectionScope(db);
    }

    /// <summary>Closes the connection now (a later dispose does nothing more).</summary>
    public Task CloseAsync() => _db.Database.CloseConnectionAsync();

    public ValueTask DisposeAsync() => new(_db.Database.CloseConnectionAsync());
}

using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace PartnerPortal.Data;

/// <summary>
/// Settings SQLite keeps per connection rather than in the file, applied once to each physical connection the first
/// time EF Core opens it (Microsoft.Data.Sqlite pools physical connections, and a pragma stays with one while pooled).
/// <c>temp_store = MEMORY</c>: a write transaction of several statements (the group commit of sends, an audited save)
/// keeps a statement journal, a copy of every page each INSERT or UPDATE touches, and SQLite spills it to a temporary
/// file past 64 KiB; that file was most of the write path's I/O (52 writes a message, against 4 for the WAL). Temporary
/// tables and sorts of big reports live in memory too. <c>busy_timeout</c> (the connection's
/// <see cref="SqliteConnection.DefaultTimeout"/>): a writer that finds another writer's transaction open waits in SQLite's
/// busy handler, which retries after 1, 2, 5, 10… ms, instead of failing at once into Microsoft.Data.Sqlite's own retry,
/// which sleeps 150 ms between tries (the message event relay committing beside the dispatcher cost it 150 ms a collision).
/// Does nothing on other providers.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    private static readonly ConditionalWeakTable<sqlite3, object> Applied = new();
    private static readonly object Marker = new();

    private SqliteConnectionSettings()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>Applies the settings to an open connection, unless it has them already (<see cref="ApiContexts"/> opens its own).</summary>
    public static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || Applied.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = FormattableString.Invariant($"PRAGMA temp_store = MEMORY; PRAGMA busy_timeout = {sqlite.DefaultTimeout * 1000};");
        command.ExecuteNonQuery();
        Applied.AddOrUpdate(handle, Marker);
    }
}

public static class PortalSqliteOptions
{
    /// <summary>SQLite as the portal uses it: every context, pooled or not, with <see cref="SqliteConnectionSettings"/>.</summary>
    public static DbContextOptionsBuilder UsePortalSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString).AddInterceptors(SqliteConnectionSettings.Instance);

    /// <inheritdoc cref="UsePortalSqlite(DbContextOptionsBuilder, string)"/>
    public static DbContextOptionsBuilder<TContext> UsePortalSqlite<TContext>(this DbContextOptionsBuilder<TContext> builder, string connectionString)
        where TContext : DbContext =>
        builder.UseSqlite(connectionString).AddInterceptors(SqliteConnectionSettings.Instance);
}

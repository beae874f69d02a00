using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Data;

/// <summary>SQLite only: the per-connection settings every context of the app gets (<see cref="SqliteConnectionSettings"/>).</summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"partnerportal-settings-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_apps_contexts_keep_statement_journals_in_memory_on_every_lease_of_a_pooled_connection()
    {
        // A connection opened without the app's contexts has SQLite's default (0: files).
        await using (var plain = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            await plain.OpenAsync();
            (await TempStoreAsync(plain)).Should().Be(0);
        }

        // The app's registration (AddPortalData on SQLite), pooled contexts as the app leases them.
        await using var services = SqlitePortalData.Services(_path);
        var factory = services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();
        for (var lease = 0; lease < 3; lease++)
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            (await TempStoreAsync(db.Database.GetDbConnection())).Should().Be(2, "2 is MEMORY (lease {0})", lease);
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task A_writer_that_finds_the_database_locked_waits_in_SQLites_busy_handler_for_the_command_timeout()
    {
        // Without a busy timeout SQLite answers BUSY at once and Microsoft.Data.Sqlite sleeps 150 ms before each retry.
        await using (var plain = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            await plain.OpenAsync();
            (await PragmaAsync(plain, "busy_timeout")).Should().Be(0);
        }

        await using var services = SqlitePortalData.Services(_path);
        var factory = services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        (await PragmaAsync(connection, "busy_timeout")).Should().Be(connection.DefaultTimeout * 1000L);
    }

    private static Task<long> TempStoreAsync(System.Data.Common.DbConnection connection) => PragmaAsync(connection, "temp_store");

    private static async Task<long> PragmaAsync(System.Data.Common.DbConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

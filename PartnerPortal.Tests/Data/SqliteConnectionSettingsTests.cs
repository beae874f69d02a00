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

    private static async Task<long> TempStoreAsync(System.Data.Common.DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA temp_store;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

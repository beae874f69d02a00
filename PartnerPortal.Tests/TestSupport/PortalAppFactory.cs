using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>
/// The whole app over a fresh SQLite file (or PostgreSQL database, see <see cref="PostgresTestServer"/>) with the demo data, for HTTP-level tests (and, with
/// <see cref="WebApplicationFactory{TEntryPoint}.UseKestrel()"/>, for browser tests).
/// </summary>
public class PortalAppFactory : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"partnerportal-test-{Guid.NewGuid():N}.db");
    private readonly string? _postgresConnectionString = PostgresTestServer.Enabled ? PostgresTestServer.NewDatabaseName("portal_app") : null;

    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        if (_postgresConnectionString is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Portal", _postgresConnectionString);
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Portal", $"Data Source={_databasePath}");
        }

        builder.UseSetting("Portal:SeedDemoData", "true");
        builder.UseSetting("Verification:AutoApproveAfter", "00:00:00"); // off: tests decide verification requests themselves
        builder.UseSetting("Delivery:Enabled", "false"); // off: messages stay Pending unless a test dispatches them
        builder.UseSetting("Privacy:CatchUpAtStartup", "false"); // off: the demo history is not redacted behind a test's back
        builder.UseSetting("QuietHours:Enabled", "false"); // off: the wall clock must not decide whether a test's text is held (tests of quiet hours turn it on)
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresConnectionString is not null)
        {
            PostgresTestServer.DropDatabase(_postgresConnectionString);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }

        GC.SuppressFinalize(this);
    }
}

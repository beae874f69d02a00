using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Data.Postgres;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>
/// A SQLite database with the real migrations applied. By default in memory, alive while one connection stays
/// open (one per test class); <see cref="FileBacked"/> gives a temporary file where every context has its own
/// connection, as in the app, for tests that write from several threads at once.
/// Hands out contexts like the app's <see cref="IDbContextFactory{T}"/>.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<ApplicationDbContext>, IDisposable
{
    // The Identity schema version (passkeys) comes from IdentityOptions, as in the app.
    private static readonly IServiceProvider IdentityServices = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();

    private readonly SqliteConnection? _connection;
    private readonly string? _path;
    private readonly DbContextOptions<ApplicationDbContext>? _options;
    private readonly DbContextOptions<PostgresApplicationDbContext>? _postgresOptions;
    private readonly string? _postgresConnectionString;

    public TestDatabase() : this(fileBacked: false)
    {
    }

    private TestDatabase(bool fileBacked, PlanRecorder? plans = null)
    {
        if (PostgresTestServer.Enabled && plans is null)
        {
            _postgresConnectionString = PostgresTestServer.CreateDatabase("portal_unit");
            _postgresOptions = PostgresTestServer.Options(_postgresConnectionString);
            return;
        }

        var builder = new DbContextOptionsBuilder<ApplicationDbContext>().UseApplicationServiceProvider(IdentityServices);
        if (plans is not null)
        {
            builder.AddInterceptors(plans);
            Plans = plans;
        }

        if (fileBacked)
        {
            _path = Path.Combine(Path.GetTempPath(), $"partnerportal-unit-{Guid.NewGuid():N}.db");
            builder.UsePortalSqlite($"Data Source={_path};Default Timeout=30");
        }
        else
        {
            _connection = new SqliteConnection("Data Source=:memory:");
            _connection.Open();
            builder.UseSqlite(_connection);
        }

        _options = builder.Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
        if (fileBacked)
        {
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }
    }

    public static TestDatabase FileBacked() => new(fileBacked: true);

    /// <summary>
    /// SQLite in memory whatever <c>PORTAL_TEST_POSTGRES</c> says, recording every query so a test can ask SQLite how it
    /// runs them (<see cref="PlanRecorder.FullScansAsync"/>): SQLite's plans do not depend on the data, so a tiny
    /// database shows what a large one would do.
    /// </summary>
    public static TestDatabase RecordingPlans() => new(fileBacked: false, new PlanRecorder());

    public PlanRecorder? Plans { get; }

    public ApplicationDbContext CreateDbContext() =>
        _postgresOptions is not null ? new PostgresApplicationDbContext(_postgresOptions) : new ApplicationDbContext(_options!);

    public void Dispose()
    {
        if (_postgresConnectionString is not null)
        {
            PostgresTestServer.DropDatabase(_postgresConnectionString);
            return;
        }

        _connection?.Dispose();
        if (_path is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_path + suffix);
            }
        }
    }
}

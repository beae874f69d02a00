using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>
/// An in-memory SQLite database with the real migrations applied, alive while one connection stays open
/// (one per test class). Hands out contexts like the app's <see cref="IDbContextFactory{T}"/>.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<ApplicationDbContext>, IDisposable
{
    // The Identity schema version comes from the app's IdentityOptions (AddPortalIdentity sets Version3);
    // without them the model would lack the passkeys table and differ from the migrations.
    private static readonly IServiceProvider _identityOptions = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();

    private readonly SqliteConnection _connection;
    private readonly DbContextOptions<ApplicationDbContext> _options;

    public TestDatabase()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        _options = new DbContextOptionsBuilder<ApplicationDbContext>().UseSqlite(_connection).UseApplicationServiceProvider(_identityOptions).Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
    }

    public ApplicationDbContext CreateDbContext() => new(_options);

    public void Dispose() => _connection.Dispose();
}

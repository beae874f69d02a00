using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Identity;
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
    private readonly SqliteConnection _connection;
    private readonly DbContextOptions<ApplicationDbContext> _options;

    public TestDatabase()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        _options = new DbContextOptionsBuilder<ApplicationDbContext>()
            .UseSqlite(_connection)
            .UseApplicationServiceProvider(IdentityServices)
            .Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
    }

    // The Identity schema version (passkeys) comes from IdentityOptions, as in the app.
    private static readonly IServiceProvider IdentityServices = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();

    public ApplicationDbContext CreateDbContext() => new(_options);

    public void Dispose() => _connection.Dispose();
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
        _options = new DbContextOptionsBuilder<ApplicationDbContext>().UseSqlite(_connection).Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
    }

    public ApplicationDbContext CreateDbContext() => new(_options);

    public void Dispose() => _connection.Dispose();
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;

namespace PartnerPortal.Tests.Infrastructure.Delivery;

/// <summary>
/// A SQLite file in a temporary folder (WAL, migrations applied), one connection per context like the app:
/// what several dispatchers (or a stopped one and its successor) share.
/// </summary>
public sealed class FileDatabase : IDbContextFactory<ApplicationDbContext>, IDisposable
{
    private static readonly IServiceProvider IdentityServices = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"partnerportal-delivery-{Guid.NewGuid():N}");
    private readonly DbContextOptions<ApplicationDbContext> _options;

    public FileDatabase()
    {
        Directory.CreateDirectory(_folder);
        _options = new DbContextOptionsBuilder<ApplicationDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "portal.db")}")
            .UseApplicationServiceProvider(IdentityServices)
            .Options;
        using var db = CreateDbContext();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        db.Database.Migrate();
    }

    public ApplicationDbContext CreateDbContext() => new(_options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

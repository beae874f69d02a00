using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data.Seed;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Data;

/// <summary>Applies migrations at start-up, sets SQLite's WAL journal, ensures the roles, and seeds demo data when asked.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    RoleManager<IdentityRole> roleManager,
    IServiceProvider services,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(bool seedDemoData, CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (db.Database.IsSqlite())
            {
                // WAL lets readers go on while the dispatcher writes; the setting is kept in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
        }

        foreach (var role in PortalRoles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }

        if (seedDemoData)
        {
            await ActivatorUtilities.CreateInstance<DemoDataSeeder>(services).SeedAsync(cancellationToken);
            logger.LogInformation("Demo data is in place");
        }
    }
}

using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data.Postgres;
using PartnerPortal.Infrastructure.Hosting;

namespace PartnerPortal.Data;

/// <summary>The Data layer's registrations (Program.cs calls one <c>AddPortal…</c> per layer).</summary>
public static class DataServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=partnerportal.db";

    /// <summary>
    /// EF Core over SQLite (default) or PostgreSQL (<c>Database:Provider = Postgres</c>), connection string
    /// <c>ConnectionStrings:Portal</c>; Data Protection keys in the database; the start-up migrator and its health check.
    /// Contexts are pooled: a context is created per operation (and per batch of sends), and a fresh one costs more than
    /// the queries of a send. The provider decides what is registered, so it is read here rather than through options.
    /// </summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Portal");
        if (DatabaseProvider.IsPostgres(configuration))
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException("Database:Provider is Postgres: set ConnectionStrings:Portal to a PostgreSQL connection string.");
            }

            PostgresApplicationDbContext.UseUtcTimestamps();
            services.AddPooledDbContextFactory<PostgresApplicationDbContext>(options =>
                PostgresApplicationDbContext.Configure((DbContextOptionsBuilder<PostgresApplicationDbContext>)options, configured));
            services.AddScoped<PostgresApplicationDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PostgresApplicationDbContext>>().CreateDbContext());
            services.AddSingleton<IDbContextFactory<ApplicationDbContext>>(sp =>
                new DerivedDbContextFactory<PostgresApplicationDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresApplicationDbContext>>()));
            services.AddScoped<ApplicationDbContext>(sp => sp.GetRequiredService<PostgresApplicationDbContext>());
            services.AddSingleton(sp => new ApiContexts(sp.GetRequiredService<IDbContextFactory<ApplicationDbContext>>()));
        }
        else
        {
            var connectionString = string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured;
            services.AddPooledDbContextFactory<ApplicationDbContext>(options => options.UsePortalSqlite(connectionString));
            services.AddScoped<ApplicationDbContext>(sp => sp.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContext());
            services.AddSingleton(sp => new ApiContexts(sp.GetRequiredService<IDbContextFactory<ApplicationDbContext>>(),
                sp.GetRequiredService<DbContextOptions<ApplicationDbContext>>(), connectionString));
        }

        services.AddDataProtection()
            .SetApplicationName("PartnerPortal")
            .PersistKeysToDbContext<ApplicationDbContext>();
        services.AddTransient<DatabaseInitializer>();
        services.AddHealthChecks().AddCheck<MigrationsAppliedHealthCheck>("database");
        return services;
    }
}

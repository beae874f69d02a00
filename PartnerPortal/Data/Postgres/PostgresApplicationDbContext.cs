using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace PartnerPortal.Data.Postgres;

/// <summary>
/// The same model on PostgreSQL (<c>Database:Provider = Postgres</c>), with its own migrations in
/// <c>Data/Migrations/Postgres</c>. Times are stored as <c>timestamp without time zone</c> holding UTC, as on SQLite.
/// </summary>
public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options) : ApplicationDbContext(options)
{
    /// <summary>UTC DateTime values of any Kind map to <c>timestamp</c>, as the SQLite model stores them.</summary>
    public static void UseUtcTimestamps() => AppContext.SetSwitch("Npgsql.EnableLegacyTimestampBehavior", true);

    public static DbContextOptionsBuilder<PostgresApplicationDbContext> Configure(
        DbContextOptionsBuilder<PostgresApplicationDbContext> builder, string connectionString) =>
        (DbContextOptionsBuilder<PostgresApplicationDbContext>)builder.UseNpgsql(connectionString, npgsql =>
            npgsql.MigrationsHistoryTable("__EFMigrationsHistory"));
}

/// <summary>
/// Builds the PostgreSQL model without a server (tests check it against its migrations). Not an
/// <c>IDesignTimeDbContextFactory</c>: that interface is covariant, so EF would use it for the SQLite context too.
/// <c>dotnet ef</c> gets the context from the app instead (see README: Database__Provider=Postgres).
/// </summary>
public static class PostgresDesignTimeFactory
{
    public static PostgresApplicationDbContext CreateDbContext()
    {
        PostgresApplicationDbContext.UseUtcTimestamps();
        var builder = PostgresApplicationDbContext.Configure(new DbContextOptionsBuilder<PostgresApplicationDbContext>(), "Host=localhost;Database=partnerportal_design");
        builder.UseApplicationServiceProvider(DesignTimeIdentity.Services);
        return new PostgresApplicationDbContext(builder.Options);
    }
}

/// <summary>The Identity schema version (passkeys) the app configures, for contexts built outside the app's container.</summary>
public static class DesignTimeIdentity
{
    public static readonly IServiceProvider Services = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();
}

/// <summary>Hands out the provider's context type where the app asks for <see cref="ApplicationDbContext"/>.</summary>
public sealed class DerivedDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ApplicationDbContext>
    where TContext : ApplicationDbContext
{
    public ApplicationDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<ApplicationDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}

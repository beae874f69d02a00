using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Data.Postgres;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>
/// When <c>PORTAL_TEST_POSTGRES</c> holds a PostgreSQL connection string (server and credentials, no database),
/// the database-facing tests run on PostgreSQL instead of SQLite: each test database is a copy of one migrated
/// template database (<c>CREATE DATABASE … TEMPLATE</c>), dropped afterwards. `.ci/run` starts a local server
/// and runs the suite a second time this way.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "PORTAL_TEST_POSTGRES";

    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    // Npgsql reads its timestamp switch once, at first use: set it before anything touches Npgsql.
    static PostgresTestServer() => PostgresApplicationDbContext.UseUtcTimestamps();

    public static string? BaseConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool Enabled => BaseConnectionString is not null;

    /// <summary>A new, migrated database; returns its connection string.</summary>
    public static string CreateDatabase(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template.Value}\"");
        return ConnectionStringFor(name);
    }

    /// <summary>A database the app will create and migrate itself at start.</summary>
    public static string NewDatabaseName(string prefix) => ConnectionStringFor($"{prefix}_{Guid.NewGuid():N}");

    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static DbContextOptions<PostgresApplicationDbContext> Options(string connectionString)
    {
        PostgresApplicationDbContext.UseUtcTimestamps();
        return PostgresApplicationDbContext.Configure(new DbContextOptionsBuilder<PostgresApplicationDbContext>(), connectionString)
            .UseApplicationServiceProvider(DesignTimeIdentity.Services)
            .Options;
    }

    private static string CreateTemplate()
    {
        var name = $"portal_test_template_{Environment.ProcessId}";
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        var connectionString = ConnectionStringFor(name);
        using (var db = new PostgresApplicationDbContext(Options(connectionString)))
        {
            db.Database.Migrate();
        }

        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropDatabase(connectionString);
        return name;
    }

    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(BaseConnectionString) { Database = database, Pooling = true }.ConnectionString;

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

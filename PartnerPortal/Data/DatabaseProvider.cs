namespace PartnerPortal.Data;

/// <summary><c>Database:Provider</c>: <c>Sqlite</c> (the embedded default) or <c>Postgres</c>.</summary>
public static class DatabaseProvider
{
    public const string Sqlite = nameof(Sqlite);
    public const string Postgres = nameof(Postgres);

    public static bool IsPostgres(IConfiguration configuration) =>
        string.Equals(configuration["Database:Provider"], Postgres, StringComparison.OrdinalIgnoreCase);
}

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data.Postgres;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Data;

public class MigrationsTests
{
    [Fact]
    public void Model_HasNoChangesMissingFromMigrations()
    {
        using var database = new TestDatabase();
        using var db = database.CreateDbContext();

        db.Database.HasPendingModelChanges().Should().BeFalse("every model change needs a migration (dotnet ef migrations add)");
    }

    [Fact]
    public void PostgresModel_HasNoChangesMissingFromItsMigrations()
    {
        using var db = PostgresDesignTimeFactory.CreateDbContext();

        db.Database.HasPendingModelChanges().Should().BeFalse(
            "the PostgreSQL migrations need the same change: see README, Migrations");
    }

    [Fact]
    public void Migrations_AppliedToEmptyDatabase_LeaveNothingPending()
    {
        using var database = new TestDatabase();
        using var db = database.CreateDbContext();

        db.Database.GetPendingMigrations().Should().BeEmpty();
        db.Database.GetAppliedMigrations().Should().NotBeEmpty();
    }
}

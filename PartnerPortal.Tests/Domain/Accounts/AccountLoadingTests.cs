using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Accounts;

public sealed class AccountLoadingTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly int _riverside;

    public AccountLoadingTests()
    {
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        _riverside = TestData.AddAccount(db, partner, "riverside", null,
            ("default", "Default Location", SmsNumberStatus.Approved, "+16145550100"),
            ("dublin", "Dublin", SmsNumberStatus.Pending, null),
            ("powell", "Powell", SmsNumberStatus.NoNumber, null)).Id;
        TestData.AddAccount(db, partner, "lakeside", null, ("default", "Lakeside Default", SmsNumberStatus.Approved, "+16145550111"));
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WithLocationsAsync_Tracked_LoadsPartnerAndOnlyItsLocationsWithNumbers()
    {
        await using var db = _database.CreateDbContext();

        var account = await db.Accounts.WithLocationsAsync(db, _riverside, CancellationToken.None);

        account!.Partner.Slug.Should().Be("northwind");
        account.Locations.Select(l => l.Name).Should().Equal("Default Location", "Dublin", "Powell");
        account.Locations.Select(l => l.SmsNumber?.Status).Should().Equal(SmsNumberStatus.Approved, SmsNumberStatus.Pending, null);
        account.Locations.Should().OnlyContain(l => db.Entry(l).State == EntityState.Unchanged);
    }

    [Fact]
    public async Task WithLocationsAsync_NoTracking_FillsLocationsWithoutTracking()
    {
        await using var db = _database.CreateDbContext();

        var account = await db.Accounts.AsNoTracking().WithLocationsAsync(db, _riverside, CancellationToken.None);

        account!.Locations.Select(l => l.SmsNumber?.Number).Should().Equal("+16145550100", null, null);
        db.ChangeTracker.Entries().Should().BeEmpty();
    }

    [Fact]
    public async Task WithLocationsAsync_UnknownAccount_IsNull()
    {
        await using var db = _database.CreateDbContext();

        (await db.Accounts.WithLocationsAsync(db, 999_999, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task ReadWithLocationsAsync_ReadsTheSameGraphUntracked()
    {
        await using var db = _database.CreateDbContext();

        var account = await AccountLoading.ReadWithLocationsAsync(db, _riverside);

        account!.Partner.Slug.Should().Be("northwind");
        account.Partner.BusinessDetails.ContactEmail.Should().NotBeNullOrEmpty();
        account.Locations.Select(l => l.Name).Should().Equal("Default Location", "Dublin", "Powell");
        account.Locations.Select(l => l.SmsNumber?.Status).Should().Equal(SmsNumberStatus.Approved, SmsNumberStatus.Pending, null);
        db.ChangeTracker.Entries().Should().BeEmpty();
    }

    [Fact]
    public async Task ReadWithLocationsAsync_AccountWithoutLocations_IsFoundWithNone()
    {
        await using (var setup = _database.CreateDbContext())
        {
            await setup.Locations.Where(l => l.AccountId == _riverside).ExecuteDeleteAsync();
        }

        await using var db = _database.CreateDbContext();
        var account = await AccountLoading.ReadWithLocationsAsync(db, _riverside);

        account!.ExternalId.Should().Be("riverside");
        account.Partner.Slug.Should().Be("northwind");
        account.Locations.Should().BeEmpty();
        (await AccountLoading.ReadWithLocationsAsync(db, 999_999)).Should().BeNull();
    }

    [Fact]
    public Task WithLocationsAsync_OnSqlite_SearchesIndexesAndScansNoTable() =>
        AssertPlansUseIndexesAsync(2, (db, accountId) => db.Accounts.WithLocationsAsync(db, accountId, CancellationToken.None));

    [Fact]
    public Task ReadWithLocationsAsync_OnSqlite_SearchesIndexesAndScansNoTable() =>
        AssertPlansUseIndexesAsync(2, AccountLoading.ReadWithLocationsAsync);

    private static async Task AssertPlansUseIndexesAsync(int queries, Func<ApplicationDbContext, int, Task<Account?>> load)
    {
        // SQLite's own plan for each statement EF sends: a load must not read every location of every account.
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var commands = new CommandRecorder();
        var options = new DbContextOptionsBuilder<ApplicationDbContext>()
            .UseSqlite(connection)
            .UseApplicationServiceProvider(new ServiceCollection()
                .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3).BuildServiceProvider())
            .AddInterceptors(commands)
            .Options;
        await using var db = new ApplicationDbContext(options);
        await db.Database.MigrateAsync();
        var partner = TestData.AddPartner(db, "northwind");
        var accountId = TestData.AddAccount(db, partner, "riverside").Id;
        db.ChangeTracker.Clear();
        commands.Recorded.Clear();

        (await load(db, accountId)).Should().NotBeNull();

        commands.Recorded.Should().HaveCount(queries);
        foreach (var (sql, parameters) in commands.Recorded)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(3));
                }
            }

            plan.Should().NotContain(step => step.StartsWith("SCAN") || step.StartsWith("MATERIALIZE"), $"the plan of {sql} was {string.Join("; ", plan)}");
        }
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<(string Sql, List<(string Name, object? Value)> Parameters)> Recorded { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Recorded.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            return ValueTask.FromResult(result);
        }
    }
}

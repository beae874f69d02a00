using Microsoft.EntityFrameworkCore;
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
    public async Task AccountWithLocationsAsync_ReadsTheSameGraphUntracked()
    {
        await using var db = _database.CreateDbContext();

        var account = await SendQueries.AccountWithLocationsAsync(db, _riverside, CancellationToken.None);

        account!.Partner.Slug.Should().Be("northwind");
        account.Partner.BusinessDetails.ContactEmail.Should().NotBeNullOrEmpty();
        account.Locations.Select(l => l.Name).Should().Equal("Default Location", "Dublin", "Powell");
        account.Locations.Select(l => l.SmsNumber?.Status).Should().Equal(SmsNumberStatus.Approved, SmsNumberStatus.Pending, null);
        db.ChangeTracker.Entries().Should().BeEmpty();
    }

    [Fact]
    public async Task AccountWithLocationsAsync_AccountWithoutLocations_IsFoundWithNone()
    {
        await using (var setup = _database.CreateDbContext())
        {
            await setup.Locations.Where(l => l.AccountId == _riverside).ExecuteDeleteAsync();
        }

        await using var db = _database.CreateDbContext();
        var account = await SendQueries.AccountWithLocationsAsync(db, _riverside, CancellationToken.None);

        account!.ExternalId.Should().Be("riverside");
        account.Partner.Slug.Should().Be("northwind");
        account.Locations.Should().BeEmpty();
        (await SendQueries.AccountWithLocationsAsync(db, 999_999, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public Task WithLocationsAsync_OnSqlite_SearchesIndexesAndScansNoTable() =>
        AssertPlansUseIndexesAsync(2, (db, accountId) => db.Accounts.WithLocationsAsync(db, accountId, CancellationToken.None));

    [Fact]
    public Task AccountWithLocationsAsync_OnSqlite_SearchesIndexesAndScansNoTable() =>
        AssertPlansUseIndexesAsync(2, (db, accountId) => SendQueries.AccountWithLocationsAsync(db, accountId, CancellationToken.None));

    private static async Task AssertPlansUseIndexesAsync(int queries, Func<ApplicationDbContext, int, Task<Account?>> load)
    {
        using var database = TestDatabase.RecordingPlans();
        int accountId;
        await using (var setup = database.CreateDbContext())
        {
            var partner = TestData.AddPartner(setup, "northwind");
            accountId = TestData.AddAccount(setup, partner, "riverside").Id;
        }

        database.Plans!.Clear();
        await using var db = database.CreateDbContext();
        (await load(db, accountId)).Should().NotBeNull();

        database.Plans.Count.Should().Be(queries);
        (await database.Plans.FullScansAsync()).Should().BeEmpty("a load must not read every location of every account");
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Tests.TestSupport;
using SQLitePCL;

namespace PartnerPortal.Tests.Data;

/// <summary>
/// SQLite only: the API's contexts (<see cref="ApiContexts"/>) keep their connection open and run EF Core's queries
/// through statements prepared once (<see cref="SqliteStatementCache"/>). SQLite asks the authorizer while it prepares
/// a statement, never while it runs one, so counting its calls counts preparations.
/// </summary>
public sealed class ApiContextsTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"partnerportal-apicontexts-{Guid.NewGuid():N}.db");
    private ServiceProvider _services = null!;
    private ApiContexts _contexts = null!;
    private IDbContextFactory<ApplicationDbContext> _factory = null!;
    private int _first;
    private int _second;

    public async Task InitializeAsync()
    {
        _services = SqlitePortalData.Services(_path);
        _factory = _services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();
        _contexts = _services.GetRequiredService<ApiContexts>();
        await using var db = await _factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        var partner = TestData.AddPartner(db, "northwind");
        _first = TestData.AddAccount(db, partner, "riverside", locations: [("main", "Main Office", SmsNumberStatus.Approved, "+16145550100")]).Id;
        _second = TestData.AddAccount(db, partner, "lakeside", locations: [("north", "North", SmsNumberStatus.Pending, null), ("south", "South", SmsNumberStatus.NoNumber, null)]).Id;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_query_run_again_is_not_prepared_again_and_reads_with_its_own_parameters()
    {
        await using var lease = await _contexts.RentAsync(CancellationToken.None);
        var connection = (SqliteConnection)lease.Db.Database.GetDbConnection();
        var prepares = CountPreparations(connection);

        var first = await SendQueries.AccountWithLocationsAsync(lease.Db, _first, CancellationToken.None);
        var afterOne = prepares.Count;
        var second = await SendQueries.AccountWithLocationsAsync(lease.Db, _second, CancellationToken.None);
        var again = await SendQueries.AccountWithLocationsAsync(lease.Db, _first, CancellationToken.None);

        afterOne.Should().BeGreaterThan(0);
        prepares.Count.Should().Be(afterOne, "the account and locations queries ran three times but were prepared once");
        SqliteStatementCache.CountFor(connection).Should().Be(2);
        first!.BusinessName.Should().Be("riverside Clinic");
        first.Locations.Select(l => (l.Name, l.SmsNumber?.Number)).Should().Equal(("Main Office", "+16145550100"));
        second!.BusinessName.Should().Be("lakeside Clinic");
        second.Locations.Select(l => (l.Name, l.SmsNumber?.Status)).Should().Equal(("North", SmsNumberStatus.Pending), ("South", (SmsNumberStatus?)null));
        again!.BusinessName.Should().Be("riverside Clinic");
    }

    [Fact]
    public async Task Without_the_apis_contexts_every_run_prepares_again()
    {
        // The contrast that shows the counter counts: a pooled context of the app, its connection held open.
        await using var db = await _factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var prepares = CountPreparations((SqliteConnection)db.Database.GetDbConnection());

        await SendQueries.AccountWithLocationsAsync(db, _first, CancellationToken.None);
        var afterOne = prepares.Count;
        await SendQueries.AccountWithLocationsAsync(db, _first, CancellationToken.None);

        afterOne.Should().BeGreaterThan(0);
        prepares.Count.Should().Be(2 * afterOne);
        await db.Database.CloseConnectionAsync();
    }

    [Fact]
    public async Task A_query_run_inside_the_results_of_the_same_query_reads_everything()
    {
        await using var lease = await _contexts.RentAsync(CancellationToken.None);
        var db = lease.Db;
        var outer = new List<(int, int)>();
        await foreach (var account in db.Accounts.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable())
        {
            // The same SQL text while the outer statement is still being read: it runs on a statement of its own.
            var inner = await db.Accounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
            outer.Add((account.Id, inner.Count));
        }

        outer.Should().Equal((_first, 2), (_second, 2));
    }

    [Fact]
    public async Task Writes_go_through_kept_statements_inside_a_transaction_and_roll_back()
    {
        await using (var lease = await _contexts.RentAsync(CancellationToken.None))
        {
            var db = lease.Db;
            await using var transaction = await db.Database.BeginTransactionAsync();
            var account = await db.Accounts.SingleAsync(a => a.Id == _first);
            account.BusinessName = "Renamed";
            await db.SaveChangesAsync();
            (await db.Accounts.Where(a => a.Id == _first).Select(a => a.BusinessName).SingleAsync()).Should().Be("Renamed");
            await transaction.RollbackAsync();
            (await db.Accounts.Where(a => a.Id == _first).Select(a => a.BusinessName).SingleAsync()).Should().Be("riverside Clinic");
        }

        await using var check = await _factory.CreateDbContextAsync();
        (await check.Accounts.Where(a => a.Id == _first).Select(a => a.BusinessName).SingleAsync()).Should().Be("riverside Clinic");
    }

    [Fact]
    public async Task A_returned_context_is_lent_again_empty_and_one_left_in_a_transaction_is_closed()
    {
        ApplicationDbContext lent;
        await using (var lease = await _contexts.RentAsync(CancellationToken.None))
        {
            lent = lease.Db;
            (await lent.Accounts.SingleAsync(a => a.Id == _first)).BusinessName = "Not saved";
            lent.ChangeTracker.Entries().Should().HaveCount(1);
        }

        _contexts.IdleCount.Should().Be(1);
        await using (var lease = await _contexts.RentAsync(CancellationToken.None))
        {
            lease.Db.Should().BeSameAs(lent);
            lease.Db.ChangeTracker.Entries().Should().BeEmpty();
            (await lease.Db.Accounts.AsNoTracking().SingleAsync(a => a.Id == _first)).BusinessName.Should().Be("riverside Clinic");
            await lease.Db.Database.BeginTransactionAsync();
        }

        _contexts.IdleCount.Should().Be(0, "a context still holding a transaction is closed, not lent again");
        await using (var lease = await _contexts.RentAsync(CancellationToken.None))
        {
            lease.Db.Should().NotBeSameAs(lent);
        }
    }

    [Fact]
    public async Task Closing_a_connection_drops_its_statements_and_the_next_open_prepares_again()
    {
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<ApplicationDbContext>(_services.GetRequiredService<DbContextOptions<ApplicationDbContext>>())
            .UseSqlite(connection)
            .AddInterceptors(SqliteStatementCache.Instance)
            .Options;
        await using var db = new ApplicationDbContext(options);
        await SendQueries.AccountWithLocationsAsync(db, _first, CancellationToken.None);
        SqliteStatementCache.CountFor(connection).Should().Be(2);

        await connection.CloseAsync();
        SqliteStatementCache.CountFor(connection).Should().Be(0);
        await connection.OpenAsync();
        (await SendQueries.AccountWithLocationsAsync(db, _second, CancellationToken.None))!.Locations.Should().HaveCount(2);
        SqliteStatementCache.CountFor(connection).Should().Be(2);
    }

    [Fact]
    public async Task The_connections_have_the_apps_settings()
    {
        SqliteConnection.ClearAllPools(); // a physical connection the app's contexts already set up would have them anyway
        await using var lease = await _contexts.RentAsync(CancellationToken.None);
        await using var command = lease.Db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA temp_store;";
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(2);
    }

    [Fact]
    public async Task Set_based_updates_run_again_with_their_new_values()
    {
        await using var lease = await _contexts.RentAsync(CancellationToken.None);
        foreach (var name in new[] { "First name", "Second name" })
        {
            (await lease.Db.Accounts.Where(a => a.Id == _first).ExecuteUpdateAsync(u => u.SetProperty(a => a.BusinessName, name))).Should().Be(1);
            (await lease.Db.Accounts.Where(a => a.Id == _first).Select(a => a.BusinessName).SingleAsync()).Should().Be(name);
        }
    }

    [Fact]
    public async Task A_context_handed_back_with_a_reader_open_is_closed_and_the_next_reads_what_was_committed_since()
    {
        ApplicationDbContext abandoned;
        await using (var lease = await _contexts.RentAsync(CancellationToken.None))
        {
            abandoned = lease.Db;
            // Started and never finished: its statement keeps the snapshot it began with.
            var enumerator = lease.Db.Accounts.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().GetAsyncEnumerator();
            (await enumerator.MoveNextAsync()).Should().BeTrue();
        }

        _contexts.IdleCount.Should().Be(0);
        await using (var other = await _factory.CreateDbContextAsync())
        {
            await other.Accounts.Where(a => a.Id == _first).ExecuteUpdateAsync(u => u.SetProperty(a => a.BusinessName, "Committed since"));
        }

        await using var next = await _contexts.RentAsync(CancellationToken.None);
        next.Db.Should().NotBeSameAs(abandoned);
        (await next.Db.Accounts.Where(a => a.Id == _first).Select(a => a.BusinessName).SingleAsync()).Should().Be("Committed since");
    }

    [Fact]
    public async Task A_lease_handed_back_twice_is_lent_once()
    {
        var lease = await _contexts.RentAsync(CancellationToken.None);
        await lease.DisposeAsync();
        await lease.DisposeAsync();

        _contexts.IdleCount.Should().Be(1);
        await using var first = await _contexts.RentAsync(CancellationToken.None);
        await using var second = await _contexts.RentAsync(CancellationToken.None);
        first.Db.Should().NotBeSameAs(second.Db);
    }

    [Fact]
    public async Task A_context_whose_settings_were_changed_is_not_lent_again()
    {
        await using (var lease = await _contexts.RentAsync(CancellationToken.None))
        {
            lease.Db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        }

        _contexts.IdleCount.Should().Be(0);
    }

    [Fact]
    public async Task At_most_MaxIdle_wait_and_disposing_closes_them()
    {
        var leases = new List<ApiContexts.Lease>();
        for (var i = 0; i < ApiContexts.MaxIdle + 3; i++)
        {
            leases.Add(await _contexts.RentAsync(CancellationToken.None));
        }

        var connections = leases.Select(l => l.Db.Database.GetDbConnection()).ToList();
        foreach (var lease in leases)
        {
            await lease.DisposeAsync();
        }

        _contexts.IdleCount.Should().Be(ApiContexts.MaxIdle);
        connections.Count(c => c.State == System.Data.ConnectionState.Open).Should().Be(ApiContexts.MaxIdle);

        await _contexts.DisposeAsync();
        connections.Should().OnlyContain(c => c.State == System.Data.ConnectionState.Closed);
        _contexts.IdleCount.Should().Be(0);
        var afterwards = async () => await _contexts.RentAsync(CancellationToken.None);
        await afterwards.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task A_cancelled_rent_leaves_nothing_behind()
    {
        var rent = async () => await _contexts.RentAsync(new CancellationToken(canceled: true));

        await rent.Should().ThrowAsync<OperationCanceledException>();
        _contexts.IdleCount.Should().Be(0);
    }

    private static Counter CountPreparations(SqliteConnection connection)
    {
        var counter = new Counter();
        strdelegate_authorizer authorizer = (_, _, _, _, _, _) =>
        {
            counter.Count++;
            return raw.SQLITE_OK;
        };
        raw.sqlite3_set_authorizer(connection.Handle, authorizer, null);
        return counter;
    }

    private sealed class Counter
    {
        public int Count { get; set; }
    }
}

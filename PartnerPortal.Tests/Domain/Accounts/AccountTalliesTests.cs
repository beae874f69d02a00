using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Accounts;

/// <summary>
/// Issue 18 at 100,000 accounts: the Accounts page's counts and the total of a list without a search come from the
/// tallies SQLite keeps by trigger (migration AddAccountTallies), not from counting the partner's accounts per click.
/// On PostgreSQL the same tests check the counted figures.
/// </summary>
public sealed class AccountTalliesTests : AccountServiceTestBase
{
    [Fact]
    public async Task Counts_AfterInsertsBulkUpdatesAMoveAndADelete_MatchCountingTheAccountsForEveryScope()
    {
        var ids = AddDemoLikeAccounts();
        int staffAccountId;
        using (var db = _database.CreateDbContext())
        {
            staffAccountId = TestData.AddAccount(db, _contoso, "contoso-1").Id;
            TestData.AddAccount(db, _contoso, "contoso-2", a => a.WebsiteUrl = null);
            // Bulk updates, as a partner's website change re-evaluates completeness, bypass the entities: the triggers see them.
            await db.Accounts.Where(a => a.Id == ids["lakeside"]).ExecuteUpdateAsync(s => s.SetProperty(a => a.SmsDetailsComplete, true));
            await db.Accounts.Where(a => a.Id == ids["hilltop"]).ExecuteUpdateAsync(s => s.SetProperty(a => a.HasOwnWebsite, true));
            await db.Accounts.Where(a => a.Id == ids["riverside"]).ExecuteUpdateAsync(s => s.SetProperty(a => a.PartnerId, _contoso.Id));
            await db.Locations.Where(l => l.AccountId == ids["state-xx"]).ExecuteDeleteAsync();
            await db.Accounts.Where(a => a.Id == ids["state-xx"]).ExecuteDeleteAsync();
        }

        foreach (var actor in new[]
                 {
                     TestActor.SupportAgent(_northwind.Id), TestActor.PartnerAdmin(_contoso.Id), TestActor.Operator(),
                     TestActor.PracticeStaff(_contoso.Id, staffAccountId),
                 })
        {
            _actor.Current = actor;
            var expected = await CountAsync(actor);

            (await _service.GetCountsAsync(default)).Should().Be(expected, "for {0}", actor.Role);
            foreach (var (filter, total) in new[]
                     {
                         (CompletenessFilter.All, expected.Total), (CompletenessFilter.Complete, expected.Complete),
                         (CompletenessFilter.Incomplete, expected.Incomplete),
                     })
            {
                var list = await _service.ListAsync(new AccountQuery(Filter: filter), default);
                list.TotalCount.Should().Be(total, "{0} for {1}", filter, actor.Role);
                list.Items.Should().HaveCount(total);
            }
        }
    }

    [Fact]
    public async Task ListAsync_FilterWithoutSearch_TakesItsTotalFromTheTalliesWithoutCountingAccounts()
    {
        var (database, service) = RecordingPlansAsSupportAgent((setup, partner) =>
        {
            TestData.AddAccount(setup, partner, "riverside");
            TestData.AddAccount(setup, partner, "lakeside", a => a.Address1 = null);
            TestData.AddAccount(setup, TestData.AddPartner(setup, "contoso-health"), "other", a => a.Address1 = null);
        });
        using var _ = database;

        var list = await service.ListAsync(new AccountQuery(Filter: CompletenessFilter.Incomplete), default);
        var counts = await service.GetCountsAsync(default);

        list.Items.Select(a => a.AccountId).Should().Equal("lakeside");
        list.TotalCount.Should().Be(1);
        counts.Should().Be(new AccountCounts(2, 1, 1, 0));
        var steps = await database.Plans!.StepsAsync();
        steps.Select(s => s.Sql).Should().Contain(sql => sql.Contains("AccountTallies", StringComparison.Ordinal))
            .And.OnlyContain(sql => !sql.Contains("COUNT(", StringComparison.Ordinal));
    }

    private async Task<AccountCounts> CountAsync(Actor actor)
    {
        using var db = _database.CreateDbContext();
        var accounts = db.Accounts.AsNoTracking().VisibleTo(actor);
        var complete = await accounts.CountAsync(a => a.SmsDetailsComplete);
        var incomplete = await accounts.CountAsync(a => !a.SmsDetailsComplete);
        var partnerWebsite = await accounts.CountAsync(a => a.SmsDetailsComplete && !a.HasOwnWebsite);
        return new AccountCounts(complete + incomplete, complete, incomplete, partnerWebsite);
    }
}

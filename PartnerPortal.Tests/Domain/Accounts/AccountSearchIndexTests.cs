using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Accounts;

/// <summary>
/// Issue 18 at 100,000 accounts: a search of three characters or more is answered from the trigram index
/// (migration AddAccountSearchIndex, kept by triggers), not by reading every account of the partner with LIKE.
/// </summary>
public sealed class AccountSearchIndexTests : AccountServiceTestBase
{
    [Fact]
    public async Task ListAsync_RenamedAccount_FoundByItsNewNameOnly()
    {
        var ids = AddDemoLikeAccounts();
        using (var db = _database.CreateDbContext())
        {
            await db.Accounts.Where(a => a.Id == ids["lakeside"])
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.BusinessName, "Bayview Pediatrics").SetProperty(a => a.City, "Toledo"));
        }

        _actor.Current = TestActor.SupportAgent(_northwind.Id);

        (await _service.ListAsync(new AccountQuery(Search: "bayview"), default)).Items.Select(a => a.AccountId).Should().Equal("lakeside");
        (await _service.ListAsync(new AccountQuery(Search: "oledo"), default)).Items.Select(a => a.AccountId).Should().Equal("lakeside");
        (await _service.ListAsync(new AccountQuery(Search: "Lakeside Ped"), default)).TotalCount.Should().Be(0);
    }

    [Theory]
    [InlineData("\"smile\"")]
    [InlineData("smile\" OR \"x")]
    [InlineData("smi*")]
    [InlineData("NEAR(smile")]
    public async Task ListAsync_SearchWithIndexSyntax_MatchedLiterally(string search)
    {
        using (var db = _database.CreateDbContext())
        {
            TestData.AddAccount(db, _northwind, "quoted", a => a.BusinessName = "Dr. \"Smile\" OR \"x Dental, NEAR(smile and smi* too");
            TestData.AddAccount(db, _northwind, "plain", a => a.BusinessName = "Smile Dental");
        }

        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        var list = await _service.ListAsync(new AccountQuery(Search: search), default);

        list.Items.Select(a => a.AccountId).Should().Equal("quoted");
    }

    [Fact]
    public async Task ListAsync_Search_ReadsTheTrigramIndexNotEveryAccount()
    {
        var (database, service) = RecordingPlansAsSupportAgent((setup, partner) =>
        {
            TestData.AddAccount(setup, partner, "lakeside", a => a.BusinessName = "Lakeside Pediatrics");
            TestData.AddAccount(setup, partner, "riverside", a => a.BusinessName = "Riverside Family Medicine");
        });
        using var _ = database;

        var list = await service.ListAsync(new AccountQuery(Search: "lakeside"), default);

        list.Items.Select(a => a.AccountId).Should().Equal("lakeside");
        list.TotalCount.Should().Be(1);
        var steps = await database.Plans!.StepsAsync();
        steps.Should().Contain(s => s.Step.Contains("AccountSearch VIRTUAL TABLE", StringComparison.Ordinal));
        // No LIKE over the name, account ID and city of every account: the accounts are checked against the index's answer.
        steps.Select(s => s.Sql).Should().OnlyContain(sql => !sql.Contains("LIKE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAsync_SearchTotal_CountedFromTheIndexsAnswerByKeyNotByWalkingThePartnersAccounts()
    {
        var (database, service) = RecordingPlansAsSupportAgent((setup, partner) =>
        {
            TestData.AddAccount(setup, partner, "lakeside", a => { a.BusinessName = "Lakeside Pediatrics"; a.Address1 = null; });
            TestData.AddAccount(setup, partner, "riverside", a => a.BusinessName = "Riverside Family Medicine");
            TestData.AddAccount(setup, partner, "hilltop", a => a.BusinessName = "Hilltop Dermatology");
            TestData.AddAccount(setup, TestData.AddPartner(setup, "contoso-health"), "other", a => { a.BusinessName = "Lakeside Other"; a.Address1 = null; });
        });
        using var _ = database;

        var list = await service.ListAsync(new AccountQuery(Search: "side", Filter: CompletenessFilter.Incomplete), default);

        list.Items.Select(a => a.AccountId).Should().Equal("lakeside");
        list.TotalCount.Should().Be(1);
        var count = (await database.Plans!.StepsAsync()).Where(s => s.Sql.Contains("COUNT(", StringComparison.Ordinal)).ToList();
        count.Should().Contain(s => s.Step.Contains("AccountSearch VIRTUAL TABLE", StringComparison.Ordinal))
            .And.Contain(s => s.Step.Contains("INTEGER PRIMARY KEY", StringComparison.Ordinal))
            .And.NotContain(s => s.Step.Contains("IX_Accounts_PartnerId", StringComparison.Ordinal));
    }
}

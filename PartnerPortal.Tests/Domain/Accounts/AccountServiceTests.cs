using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Accounts;

public sealed class AccountServiceTests : AccountServiceTestBase
{
    [Fact]
    public async Task ListAsync_FirstPage_ReturnsPageSortedByNameAndTotal()
    {
        AddAccounts(_northwind, "charlie", "alpha", "echo", "bravo", "delta");
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        var list = await _service.ListAsync(new AccountQuery(PageSize: 3), default);

        list.TotalCount.Should().Be(5);
        list.Items.Select(a => a.AccountId).Should().Equal("alpha", "bravo", "charlie");
    }

    [Fact]
    public async Task ListAsync_PageChangeWithKnownTotal_DoesNotCountAgain()
    {
        AddAccounts(_northwind, "charlie", "alpha", "echo", "bravo", "delta");
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);
        var first = await _service.ListAsync(new AccountQuery(PageSize: 3), default);
        AddAccounts(_northwind, "foxtrot");

        var second = await _service.ListAsync(new AccountQuery(Page: 1, PageSize: 3, KnownTotal: first.TotalCount), default);
        var recounted = await _service.ListAsync(new AccountQuery(Page: 1, PageSize: 3), default);

        // The pager keeps the first page's total (issue 18: no COUNT over every account on a page change); the rows are live.
        second.TotalCount.Should().Be(5);
        second.Items.Select(a => a.AccountId).Should().Equal("delta", "echo", "foxtrot");
        recounted.TotalCount.Should().Be(6);
    }

    [Fact]
    public async Task ListAsync_SecondPageByOffset_ReturnsNextRows()
    {
        AddAccounts(_northwind, "charlie", "alpha", "echo", "bravo", "delta");
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        var list = await _service.ListAsync(new AccountQuery(Page: 1, PageSize: 3), default);

        list.Items.Select(a => a.AccountId).Should().Equal("delta", "echo");
    }

    public static TheoryData<AccountSort, bool> Orders()
    {
        var data = new TheoryData<AccountSort, bool>();
        foreach (var sort in Enum.GetValues<AccountSort>())
        {
            data.Add(sort, false);
            data.Add(sort, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task ListAsync_KeysetAfterLastRow_ReturnsSameRowsAsOffsetPages(AccountSort sort, bool descending)
    {
        // Duplicate names, cities and times, and null cities, so ties and NULL ordering are exercised.
        using (var db = _database.CreateDbContext())
        {
            for (var i = 0; i < 23; i++)
            {
                var n = i;
                TestData.AddAccount(db, _northwind, $"acct-{n:00}", a =>
                {
                    a.BusinessName = $"Clinic {n % 4}";
                    a.City = n % 5 == 0 ? null : $"City {n % 3}";
                    a.UpdatedAt = TestData.Now.AddMinutes(n % 6);
                });
            }
        }

        _actor.Current = TestActor.SupportAgent(_northwind.Id);
        var query = new AccountQuery(Sort: sort, Descending: descending, PageSize: 5);

        var byOffset = new List<int>();
        for (var page = 0; page < 5; page++)
        {
            byOffset.AddRange((await _service.ListAsync(query with { Page = page }, default)).Items.Select(a => a.Id));
        }

        var byKeyset = new List<int>();
        AccountSummary? after = null;
        for (var page = 0; page < 6; page++)
        {
            var items = (await _service.ListAsync(query with { Page = page, After = after }, default)).Items;
            byKeyset.AddRange(items.Select(a => a.Id));
            after = items.Count > 0 ? items[^1] : after;
        }

        byOffset.Should().HaveCount(23).And.OnlyHaveUniqueItems();
        byKeyset.Should().Equal(byOffset);
    }

    [Theory]
    [InlineData("lake", "lakeside")]
    [InlineData("LAKESIDE", "lakeside")]
    [InlineData("acct-hill", "acct-hilltop")]
    [InlineData("cleveland", "lakeside")]
    public async Task ListAsync_Search_MatchesNameAccountIdOrCity(string search, string expectedAccountId)
    {
        using (var db = _database.CreateDbContext())
        {
            TestData.AddAccount(db, _northwind, "lakeside", a => { a.BusinessName = "Lakeside Pediatrics"; a.City = "Cleveland"; });
            TestData.AddAccount(db, _northwind, "acct-hilltop", a => a.BusinessName = "Hilltop Dermatology");
            TestData.AddAccount(db, _northwind, "riverside", a => a.BusinessName = "Riverside Family Medicine");
        }

        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        var list = await _service.ListAsync(new AccountQuery(Search: search), default);

        list.Items.Select(a => a.AccountId).Should().Equal(expectedAccountId);
        list.TotalCount.Should().Be(1);
    }

    [Fact]
    public async Task ListAsync_SearchWithLikeWildcards_MatchesThemLiterally()
    {
        using (var db = _database.CreateDbContext())
        {
            TestData.AddAccount(db, _northwind, "percent", a => a.BusinessName = "100% Smiles");
            TestData.AddAccount(db, _northwind, "plain", a => a.BusinessName = "1000 Smiles");
        }

        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        var list = await _service.ListAsync(new AccountQuery(Search: "0%"), default);

        list.Items.Select(a => a.AccountId).Should().Equal("percent");
    }

    [Theory]
    [InlineData(CompletenessFilter.Incomplete, new[] { "lakeside", "state-xx" })]
    [InlineData(CompletenessFilter.Complete, new[] { "hilltop", "riverside" })]
    [InlineData(CompletenessFilter.All, new[] { "hilltop", "lakeside", "riverside", "state-xx" })]
    public async Task ListAsync_CompletenessFilter_ReturnsMatchingAccounts(CompletenessFilter filter, string[] expected)
    {
        AddDemoLikeAccounts();
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        var list = await _service.ListAsync(new AccountQuery(Filter: filter, Sort: AccountSort.AccountId), default);

        list.Items.Select(a => a.AccountId).Should().Equal(expected);
        list.TotalCount.Should().Be(expected.Length);
    }

    [Fact]
    public async Task ListAsync_AccountWithoutWebsite_FlaggedAsUsingPartnerWebsite()
    {
        AddDemoLikeAccounts();
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        var list = await _service.ListAsync(new AccountQuery(Sort: AccountSort.AccountId), default);

        list.Items.Where(a => a.UsesPartnerWebsite).Select(a => a.AccountId).Should().Equal("hilltop");
        list.Items.Single(a => a.AccountId == "hilltop").SmsDetailsComplete.Should().BeTrue();
    }

    [Fact]
    public async Task ListAsync_AsAnotherPartnersAdmin_SeesOnlyItsOwnAccounts()
    {
        AddDemoLikeAccounts();
        using (var db = _database.CreateDbContext())
        {
            TestData.AddAccount(db, _contoso, "contoso-main");
        }

        _actor.Current = TestActor.PartnerAdmin(_contoso.Id);

        var list = await _service.ListAsync(new AccountQuery(), default);

        list.Items.Select(a => a.AccountId).Should().Equal("contoso-main");
    }

    [Fact]
    public async Task ListAsync_AsPracticeStaff_SeesOnlyTheirAccount()
    {
        var ids = AddDemoLikeAccounts();
        _actor.Current = TestActor.PracticeStaff(_northwind.Id, ids["riverside"]);

        var list = await _service.ListAsync(new AccountQuery(), default);

        list.Items.Select(a => a.AccountId).Should().Equal("riverside");
    }

    [Fact]
    public async Task GetCountsAsync_CountsCompleteIncompleteAndPartnerWebsiteInScope()
    {
        AddDemoLikeAccounts();
        using (var db = _database.CreateDbContext())
        {
            TestData.AddAccount(db, _contoso, "contoso-main", a => a.Address1 = null);
        }

        _actor.Current = TestActor.SupportAgent(_northwind.Id);

        var counts = await _service.GetCountsAsync(default);

        counts.Should().Be(new AccountCounts(Total: 4, Complete: 2, Incomplete: 2, UsingPartnerWebsite: 1));
    }

    private void AddAccounts(Partner partner, params string[] externalIds)
    {
        using var db = _database.CreateDbContext();
        foreach (var id in externalIds)
        {
            TestData.AddAccount(db, partner, id, a => a.BusinessName = $"{id} clinic");
        }
    }
}

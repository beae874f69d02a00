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

public sealed class AccountServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly AccountService _service;
    private readonly Partner _northwind;
    private readonly Partner _contoso;

    public AccountServiceTests()
    {
        _service = new AccountService(_database, _actor, new AuditLog(_clock), _clock);
        using var db = _database.CreateDbContext();
        _northwind = TestData.AddPartner(db, "northwind-ehr");
        _contoso = TestData.AddPartner(db, "contoso-health");
    }

    public void Dispose() => _database.Dispose();

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

    [Fact]
    public async Task GetAsync_AccountMissingStreetAddress_ListsTheProblemWithWhereAndReason()
    {
        var ids = AddDemoLikeAccounts();
        _actor.Current = TestActor.SupportAgent(_northwind.Id);

        var result = await _service.GetAsync(ids["lakeside"], default);

        result.Succeeded.Should().BeTrue();
        var details = result.Value!;
        details.BusinessName.Should().Be("Lakeside Pediatrics");
        details.Completeness.IsComplete.Should().BeFalse();
        details.Completeness.Problems.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Field = CompletenessFields.Address1,
            Label = "Street Address",
            Where = FixLocation.Account,
            Reason = ProblemReason.Missing,
        });
        details.EditScope.Should().Be(AccountEditScope.All);
    }

    [Fact]
    public async Task GetAsync_AnotherPartnersAccount_NotFound()
    {
        var ids = AddDemoLikeAccounts();
        _actor.Current = TestActor.PartnerAdmin(_contoso.Id);

        var result = await _service.GetAsync(ids["lakeside"], default);

        result.Succeeded.Should().BeFalse();
        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task GetAsync_PracticeStaffOfAnotherAccount_NotFound()
    {
        var ids = AddDemoLikeAccounts();
        _actor.Current = TestActor.PracticeStaff(_northwind.Id, ids["riverside"]);

        var result = await _service.GetAsync(ids["lakeside"], default);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task UpdateAsync_StreetAddressFilledIn_StoresCompleteAndAuditsTheFieldChange()
    {
        var ids = AddDemoLikeAccounts();
        _actor.Current = TestActor.SupportAgent(_northwind.Id);
        _clock.Advance(TimeSpan.FromHours(1));
        var update = (await _service.GetAsync(ids["lakeside"], default)).Value!.ToUpdate() with { Address1 = "  9 Lake Road " };

        var result = await _service.UpdateAsync(ids["lakeside"], update, default);

        result.Succeeded.Should().BeTrue();
        result.Value!.Completeness.IsComplete.Should().BeTrue();
        await using var db = _database.CreateDbContext();
        var stored = await db.Accounts.SingleAsync(a => a.Id == ids["lakeside"]);
        stored.Address1.Should().Be("9 Lake Road");
        stored.SmsDetailsComplete.Should().BeTrue();
        stored.UpdatedAt.Should().Be(_clock.Now.UtcDateTime);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "account.updated");
        entry.AccountId.Should().Be(ids["lakeside"]);
        entry.PartnerId.Should().Be(_northwind.Id);
        JsonSerializer.Deserialize<List<FieldChange>>(entry.ChangesJson!, JsonSerializerOptions.Web)
            .Should().Equal(new FieldChange(nameof(AccountUpdate.Address1), null, "9 Lake Road"));
        (await AuditLog.VerifyAsync(db, default)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task UpdateAsync_InvalidValues_RefusedWithAnErrorNamingEachField()
    {
        var ids = AddDemoLikeAccounts();
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);
        var update = (await _service.GetAsync(ids["riverside"], default)).Value!.ToUpdate() with
        {
            State = "XX", PostalCode = "1234", WebsiteUrl = "www.no-scheme.example", BusinessName = " ",
        };

        var result = await _service.UpdateAsync(ids["riverside"], update, default);

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.Field).Should().BeEquivalentTo(
            [nameof(AccountUpdate.State), nameof(AccountUpdate.PostalCode), nameof(AccountUpdate.WebsiteUrl), nameof(AccountUpdate.BusinessName)]);
        result.Errors.Single(e => e.Field == nameof(AccountUpdate.State)).Message.Should().StartWith("State ");
        result.Errors.Single(e => e.Field == nameof(AccountUpdate.WebsiteUrl)).Message.Should().StartWith("Website URL ");
        await using var db = _database.CreateDbContext();
        (await db.Accounts.SingleAsync(a => a.Id == ids["riverside"])).State.Should().Be("OH");
        (await db.AuditEntries.AnyAsync(e => e.Action == "account.updated")).Should().BeFalse();
    }

    [Fact]
    public async Task UpdateAsync_AnotherPartnersAccount_NotFoundAndUnchanged()
    {
        var ids = AddDemoLikeAccounts();
        _actor.Current = TestActor.PartnerAdmin(_contoso.Id);

        var result = await _service.UpdateAsync(ids["lakeside"], new AccountUpdate("Taken Over", "1 Any Street", null, "Cleveland", "OH", "44114", "US", null, null), default);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
        await using var db = _database.CreateDbContext();
        (await db.Accounts.SingleAsync(a => a.Id == ids["lakeside"])).BusinessName.Should().Be("Lakeside Pediatrics");
    }

    [Fact]
    public async Task UpdateAsync_PracticeStaffFillsInTheMissingField_Saved()
    {
        var ids = AddDemoLikeAccounts();
        _actor.Current = TestActor.PracticeStaff(_northwind.Id, ids["lakeside"]);
        var details = (await _service.GetAsync(ids["lakeside"], default)).Value!;

        var result = await _service.UpdateAsync(ids["lakeside"], details.ToUpdate() with { Address1 = "9 Lake Road" }, default);

        details.EditScope.Should().Be(AccountEditScope.MissingFieldsOnly);
        details.EditableFields.Should().Equal(nameof(AccountUpdate.Address1));
        result.Succeeded.Should().BeTrue();
        result.Value!.Completeness.IsComplete.Should().BeTrue();
    }

    [Fact]
    public async Task UpdateAsync_PracticeStaffChangesAFieldThatIsNotMissing_Refused()
    {
        var ids = AddDemoLikeAccounts();
        _actor.Current = TestActor.PracticeStaff(_northwind.Id, ids["lakeside"]);
        var details = (await _service.GetAsync(ids["lakeside"], default)).Value!;

        var result = await _service.UpdateAsync(ids["lakeside"], details.ToUpdate() with { Address1 = "9 Lake Road", BusinessName = "Renamed" }, default);

        result.Errors.Should().ContainSingle().Which.Field.Should().Be(nameof(AccountUpdate.BusinessName));
        await using var db = _database.CreateDbContext();
        (await db.Accounts.SingleAsync(a => a.Id == ids["lakeside"])).Address1.Should().BeNull();
    }

    [Fact]
    public async Task UpdateAsync_Operator_RefusedAsReadOnly()
    {
        var ids = AddDemoLikeAccounts();
        _actor.Current = TestActor.Operator();
        var details = (await _service.GetAsync(ids["lakeside"], default)).Value!;

        var result = await _service.UpdateAsync(ids["lakeside"], details.ToUpdate() with { Address1 = "9 Lake Road" }, default);

        details.CanEdit.Should().BeFalse();
        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
    }

    [Fact]
    public async Task ExportCsvAsync_IncompleteFilter_ExportsThoseAccountsWithTheirMissingFields()
    {
        AddDemoLikeAccounts();
        _actor.Current = TestActor.SupportAgent(_northwind.Id);

        var result = await _service.ExportCsvAsync(new AccountQuery(Filter: CompletenessFilter.Incomplete, Sort: AccountSort.AccountId), default);

        result.Succeeded.Should().BeTrue();
        var lines = Lines(result.Value!);
        lines[0].Should().StartWith("Account ID,Business Name,").And.Contain("Missing Fields");
        lines.Should().HaveCount(3);
        lines[1].Should().StartWith("lakeside,Lakeside Pediatrics,").And.Contain(",Incomplete,No,Street Address (missing),");
        lines[2].Should().StartWith("state-xx,").And.Contain("State (invalid)");
        result.Value!.Rows.Should().Be(2);
    }

    [Fact]
    public async Task ExportCsvAsync_CellBeginningWithAFormulaCharacter_Escaped()
    {
        using (var db = _database.CreateDbContext())
        {
            TestData.AddAccount(db, _northwind, "+1-injection", a => a.BusinessName = "=HYPERLINK(\"https://evil.example\",\"Click\")");
        }

        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        var result = await _service.ExportCsvAsync(new AccountQuery(), default);

        var row = Lines(result.Value!)[1];
        row.Should().StartWith("'+1-injection,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Click\"\")\",");
    }

    [Fact]
    public async Task ExportCsvAsync_OnlyTheActorsPartner_AndAudited()
    {
        AddDemoLikeAccounts();
        using (var db = _database.CreateDbContext())
        {
            TestData.AddAccount(db, _contoso, "contoso-main");
        }

        _actor.Current = TestActor.PartnerAdmin(_contoso.Id);

        var result = await _service.ExportCsvAsync(new AccountQuery(), default);

        Lines(result.Value!).Skip(1).Should().ContainSingle().Which.Should().StartWith("contoso-main,");
        await using var verify = _database.CreateDbContext();
        (await verify.AuditEntries.SingleAsync(e => e.Action == "accounts.exported")).PartnerId.Should().Be(_contoso.Id);
    }

    [Fact]
    public async Task ExportCsvAsync_PracticeStaff_Refused()
    {
        var ids = AddDemoLikeAccounts();
        _actor.Current = TestActor.PracticeStaff(_northwind.Id, ids["riverside"]);

        var result = await _service.ExportCsvAsync(new AccountQuery(), default);

        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
    }

    private static string[] Lines(AccountExport export)
    {
        var text = Encoding.UTF8.GetString(export.Content).TrimStart('\uFEFF');
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    private void AddAccounts(Partner partner, params string[] externalIds)
    {
        using var db = _database.CreateDbContext();
        foreach (var id in externalIds)
        {
            TestData.AddAccount(db, partner, id, a => a.BusinessName = $"{id} clinic");
        }
    }

    /// <summary>Riverside (complete), Lakeside (no street address), Hilltop (no website: partner's), state-xx (invalid state).</summary>
    private Dictionary<string, int> AddDemoLikeAccounts()
    {
        using var db = _database.CreateDbContext();
        return new Dictionary<string, int>
        {
            ["riverside"] = TestData.AddAccount(db, _northwind, "riverside", a => a.BusinessName = "Riverside Family Medicine").Id,
            ["lakeside"] = TestData.AddAccount(db, _northwind, "lakeside", a => { a.BusinessName = "Lakeside Pediatrics"; a.Address1 = null; }).Id,
            ["hilltop"] = TestData.AddAccount(db, _northwind, "hilltop", a => { a.BusinessName = "Hilltop Dermatology"; a.WebsiteUrl = null; }).Id,
            ["state-xx"] = TestData.AddAccount(db, _northwind, "state-xx", a => a.State = "XX").Id,
        };
    }
}

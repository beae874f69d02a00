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

public sealed class AccountServiceExportTests : AccountServiceTestBase
{
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
}

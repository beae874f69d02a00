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

public sealed class AccountServiceDetailsTests : AccountServiceTestBase
{
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
}

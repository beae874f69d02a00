using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Accounts;

/// <summary>"New account", the practice phone and deactivation, through the one save path the Partner API uses too.</summary>
public sealed class AccountOnboardingTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly AccountService _accounts;
    private readonly PracticeService _practices;
    private readonly Partner _northwind;
    private readonly Partner _contoso;

    public AccountOnboardingTests()
    {
        var auditLog = new AuditLog(_clock);
        _accounts = new AccountService(_database, _actor, auditLog, _clock);
        _practices = new PracticeService(_database, _actor, auditLog, _clock);
        using var db = _database.CreateDbContext();
        _northwind = TestData.AddPartner(db, "northwind-ehr");
        _contoso = TestData.AddPartner(db, "contoso-health");
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);
    }

    public void Dispose() => _database.Dispose();

    private static AccountUpdate Oak(string? phone = "(614) 555-0177", string? website = "https://www.oak-clinic.example") =>
        new("Oak Clinic", "10 Oak St", null, "Columbus", "oh", "43215", "us", website, null, phone);

    private List<AuditEntry> Audit(string action)
    {
        using var db = _database.CreateDbContext();
        return db.AuditEntries.AsNoTracking().Where(e => e.Action == action).ToList();
    }

    [Fact]
    public async Task CreateAsync_PartnerAdmin_CreatesCompleteAccountWithDefaultLocationAndAuditsIt()
    {
        var result = await _accounts.CreateAsync(new NewAccount("oak-clinic", Oak()), default);

        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
        result.Value!.AccountId.Should().Be("oak-clinic");
        result.Value.CreatedThrough.Should().Be(CreatedThrough.Portal);
        result.Value.PracticePhone.Should().Be("+16145550177");
        result.Value.State.Should().Be("OH");
        result.Value.Completeness.IsComplete.Should().BeTrue();
        using var db = _database.CreateDbContext();
        db.Locations.Where(l => l.AccountId == result.Value.Id).Select(l => new { l.Name, l.IsDefault })
            .Should().ContainSingle().Which.Should().Be(new { Name = "Default Location", IsDefault = true });
        Audit("account.created").Should().ContainSingle().Which.AccountId.Should().Be(result.Value.Id);
    }

    [Fact]
    public async Task CreateAsync_SameValuesAsPracticeSave11_SameErrors()
    {
        var bad = Oak(phone: "12", website: "oak.example") with { State = "XX" };

        var portal = await _accounts.CreateAsync(new NewAccount("oak-clinic", bad), default);
        var api = await _practices.SaveAsync(new PracticeInput("oak-clinic", bad.BusinessName, bad.Address1, bad.Address2, bad.City, bad.State,
            bad.PostalCode, bad.CountryCode, bad.WebsiteUrl, bad.AlternativeWebsiteUrl, true, bad.PracticePhone), PracticeSaveMode.Save, default);

        // The same errors on the same fields: the API's endpoint gives them its JSON names (PartnerApi tests).
        portal.Errors.Should().Equal(api.Errors);
        portal.Errors.Select(e => e.Field).Should().Equal(nameof(AccountUpdate.State), nameof(AccountUpdate.WebsiteUrl), nameof(AccountUpdate.PracticePhone));
    }

    [Fact]
    public async Task CreateAsync_TakenAccountId_RefusedOnTheAccountId()
    {
        await _accounts.CreateAsync(new NewAccount("oak-clinic", Oak()), default);

        var again = await _accounts.CreateAsync(new NewAccount("oak-clinic", Oak()), default);

        again.Errors.Should().ContainSingle().Which.Should().Match<Error>(e => e.Field == nameof(NewAccount.AccountId)
            && e.Message == "An account with accountId 'oak-clinic' already exists.");
    }

    [Theory]
    [InlineData("SupportAgent")]
    [InlineData("Operator")]
    [InlineData("PracticeStaff")]
    public async Task CreateAsync_NotAPartnerAdmin_Refused4030(string role)
    {
        using (var db = _database.CreateDbContext())
        {
            var riverside = TestData.AddAccount(db, _northwind, "riverside");
            _actor.Current = role switch
            {
                "SupportAgent" => TestActor.SupportAgent(_northwind.Id),
                "Operator" => TestActor.Operator(),
                _ => TestActor.PracticeStaff(_northwind.Id, riverside.Id),
            };
        }

        var result = await _accounts.CreateAsync(new NewAccount("oak-clinic", Oak()), default);

        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
        Audit("account.created").Should().BeEmpty();
    }

    [Fact]
    public async Task PracticeSave11_PracticePhone_StoredInE164_UnversionedKeepsIt()
    {
        await _practices.SaveAsync(new PracticeInput("oak-clinic", "Oak Clinic", "10 Oak St", null, "Columbus", "OH", "43215", "US",
            "https://www.oak-clinic.example", null, true, "614-555-0177"), PracticeSaveMode.Save, default);

        await _practices.SaveAsync(new PracticeInput("oak-clinic", "Oak Clinic East", "10 Oak St", null, "Columbus", "OH", "43215", "US",
            null, null, false), PracticeSaveMode.Update, default);

        using var db = _database.CreateDbContext();
        var account = db.Accounts.Single(a => a.ExternalId == "oak-clinic");
        (account.BusinessName, account.PracticePhone, account.WebsiteUrl).Should().Be(("Oak Clinic East", "+16145550177", "https://www.oak-clinic.example"));
    }

    [Fact]
    public async Task UpdateAsync_PracticePhone_EditedAndAudited()
    {
        var created = (await _accounts.CreateAsync(new NewAccount("oak-clinic", Oak(phone: null)), default)).Value!;

        var result = await _accounts.UpdateAsync(created.Id, created.ToUpdate() with { PracticePhone = "+1 614 555 0199" }, default);

        result.Value!.PracticePhone.Should().Be("+16145550199");
        Audit("account.updated").Should().ContainSingle().Which.ChangesJson.Should().Contain("PracticePhone").And.Contain("16145550199");
    }

    [Fact]
    public async Task SetActiveAsync_Deactivate_AuditedAndListedAsDeactivated()
    {
        var created = (await _accounts.CreateAsync(new NewAccount("oak-clinic", Oak()), default)).Value!;

        var result = await _accounts.SetActiveAsync(created.Id, false, default);

        result.Value!.IsActive.Should().BeFalse();
        Audit("account.deactivated").Should().ContainSingle().Which.ChangesJson.Should().Contain("Deactivated");
        (await _accounts.ListAsync(new AccountQuery(), default)).Items.Single(a => a.Id == created.Id).IsActive.Should().BeFalse();
        (await _accounts.SetActiveAsync(created.Id, true, default)).Value!.IsActive.Should().BeTrue();
        Audit("account.reactivated").Should().ContainSingle();
    }

    [Fact]
    public async Task SetActiveAsync_SupportAgent_Refused4030()
    {
        var created = (await _accounts.CreateAsync(new NewAccount("oak-clinic", Oak()), default)).Value!;
        _actor.Current = TestActor.SupportAgent(_northwind.Id);

        var result = await _accounts.SetActiveAsync(created.Id, false, default);

        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
    }

    [Fact]
    public async Task SetActiveAsync_OtherPartnersAdmin_NotFound()
    {
        var created = (await _accounts.CreateAsync(new NewAccount("oak-clinic", Oak()), default)).Value!;
        _actor.Current = TestActor.PartnerAdmin(_contoso.Id);

        var result = await _accounts.SetActiveAsync(created.Id, false, default);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }
}

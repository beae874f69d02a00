using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Messaging;

/// <summary>Quiet hours and time zone of an account: on by default, changed by partner admins only, audited field by field.</summary>
public sealed class AccountTimingServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly AccountTimingService _service;
    private readonly Partner _partner;
    private readonly Account _account;

    public AccountTimingServiceTests()
    {
        _service = new AccountTimingService(_database, _actor, new AuditLog(_clock));
        using var db = _database.CreateDbContext();
        _partner = TestData.AddPartner(db, "northwind");
        // A new account as the portal creates it: quiet hours on, time zone from its state (Texas).
        _account = TestData.AddAccount(db, _partner, "riverside", a => (a.QuietHoursDisabled, a.State, a.PostalCode) = (false, "TX", "75201"));
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Get_NewAccount_OnFrom8PmTo8AmInItsStatesZone()
    {
        _actor.Current = TestActor.SupportAgent(_partner.Id);

        var details = await _service.GetAsync(_account.Id, CancellationToken.None);

        details.Value.Should().Be(new AccountTimingDetails(true, new TimeOnly(20, 0), new TimeOnly(8, 0), "America/Chicago", true, CanEdit: false));
    }

    [Fact]
    public async Task Update_PartnerAdmin_SavedAndAuditedFieldByField()
    {
        _actor.Current = TestActor.PartnerAdmin(_partner.Id);

        var saved = await _service.UpdateAsync(_account.Id, new AccountTimingInput(true, new TimeOnly(21, 0), new TimeOnly(7, 30), "America/Denver"), CancellationToken.None);

        saved.Value.Should().Be(new AccountTimingDetails(true, new TimeOnly(21, 0), new TimeOnly(7, 30), "America/Denver", false, CanEdit: true));
        using var db = _database.CreateDbContext();
        var entry = db.AuditEntries.Single(e => e.Action == "account.quiet_hours_changed");
        entry.Summary.Should().Contain("9:00 PM–7:30 AM");
        entry.ChangesJson.Should().Contain("Quiet hours start").And.Contain("America/Denver");
    }

    [Fact]
    public async Task Update_SwitchedOff_TextsNoLongerHeld()
    {
        _actor.Current = TestActor.PartnerAdmin(_partner.Id);

        await _service.UpdateAsync(_account.Id, new AccountTimingInput(false, new TimeOnly(20, 0), new TimeOnly(8, 0), null), CancellationToken.None);

        using var db = _database.CreateDbContext();
        var account = db.Accounts.Single(a => a.Id == _account.Id);
        QuietHours.Decide(AccountTiming.For(account), "+16145550123", new DateTime(2026, 11, 25, 3, 0, 0, DateTimeKind.Utc), null).ScheduledFor.Should().BeNull();
    }

    [Fact]
    public async Task Update_SupportAgent_Refused4030AndNothingChanges()
    {
        _actor.Current = TestActor.SupportAgent(_partner.Id);

        var refused = await _service.UpdateAsync(_account.Id, new AccountTimingInput(false, new TimeOnly(20, 0), new TimeOnly(8, 0), null), CancellationToken.None);

        refused.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
        using var db = _database.CreateDbContext();
        db.Accounts.Single(a => a.Id == _account.Id).QuietHoursDisabled.Should().BeFalse();
        db.AuditEntries.Should().BeEmpty();
    }

    [Fact]
    public async Task Update_UnknownTimeZone_4000NamingTheField()
    {
        _actor.Current = TestActor.PartnerAdmin(_partner.Id);

        var refused = await _service.UpdateAsync(_account.Id, new AccountTimingInput(true, new TimeOnly(20, 0), new TimeOnly(8, 0), "Mars/Olympus"), CancellationToken.None);

        refused.FirstError.Should().BeEquivalentTo(new { Code = ResultCodes.ValidationFailed, Field = "timeZone" });
    }
}

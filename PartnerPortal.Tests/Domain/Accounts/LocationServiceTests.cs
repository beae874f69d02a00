using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Accounts;

public sealed class LocationServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly LocationService _service;
    private readonly Partner _northwind;
    private readonly Account _riverside;

    public LocationServiceTests()
    {
        _service = new LocationService(_database, _actor, new AuditLog(_clock), _clock);
        using var db = _database.CreateDbContext();
        _northwind = TestData.AddPartner(db, "northwind-ehr");
        _riverside = TestData.AddAccount(db, _northwind, "riverside", null,
            ("default", "Default Location", SmsNumberStatus.NoNumber, null),
            ("dublin", "Dublin", SmsNumberStatus.Approved, "+12195550114"));
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);
    }

    public void Dispose() => _database.Dispose();

    private int IdOf(string externalId)
    {
        using var db = _database.CreateDbContext();
        return db.Locations.Single(l => l.AccountId == _riverside.Id && l.ExternalId == externalId).Id;
    }

    private List<string> Actions()
    {
        using var db = _database.CreateDbContext();
        return db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Action).ToList();
    }

    [Fact]
    public async Task AddAsync_Queue_AddedWithExternalIdFromItsNameAndAudited()
    {
        var result = await _service.AddAsync(_riverside.Id, "  Front Desk Queue ", LocationKind.Queue, default);

        result.Value.Should().BeEquivalentTo(new { ExternalId = "front-desk-queue", Name = "Front Desk Queue", Kind = LocationKind.Queue, IsDefault = false, IsActive = true });
        Actions().Should().Equal("location.created");
    }

    [Fact]
    public async Task AddAsync_NameTakenInAnyCase_RefusedOnTheName()
    {
        var result = await _service.AddAsync(_riverside.Id, "DUBLIN", LocationKind.Location, default);

        result.Errors.Should().ContainSingle().Which.Field.Should().Be("Name");
        Actions().Should().BeEmpty();
    }

    [Fact]
    public async Task RenameAsync_Dublin_RenamedKeepingItsLocationId()
    {
        var result = await _service.RenameAsync(_riverside.Id, IdOf("dublin"), "Dublin (Bridge Street)", default);

        result.Value!.Should().Match<LocationSummary>(l => l.Name == "Dublin (Bridge Street)" && l.ExternalId == "dublin");
        Actions().Should().Equal("location.renamed");
    }

    [Fact]
    public async Task MakeDefaultAsync_Dublin_OnlyDefault()
    {
        await _service.MakeDefaultAsync(_riverside.Id, IdOf("dublin"), default);

        using var db = _database.CreateDbContext();
        db.Locations.Where(l => l.AccountId == _riverside.Id && l.IsDefault).Select(l => l.ExternalId).Should().Equal("dublin");
        Actions().Should().Equal("location.default_changed");
    }

    [Fact]
    public async Task SetActiveAsync_DefaultLocation_Refused()
    {
        var result = await _service.SetActiveAsync(_riverside.Id, IdOf("default"), false, default);

        result.FirstError!.Message.Should().Contain("make another location the default");
    }

    [Fact]
    public async Task SetActiveAsync_DeactivatedLocation_KeptNotDeletedAndCannotBeDefault()
    {
        var result = await _service.SetActiveAsync(_riverside.Id, IdOf("dublin"), false, default);

        result.Value!.IsActive.Should().BeFalse();
        (await _service.MakeDefaultAsync(_riverside.Id, IdOf("dublin"), default)).Succeeded.Should().BeFalse();
        using var db = _database.CreateDbContext();
        db.SmsNumbers.Should().ContainSingle(n => n.LocationId == IdOf("dublin"), "its number and messages stay");
        (await _service.SetActiveAsync(_riverside.Id, IdOf("dublin"), true, default)).Value!.IsActive.Should().BeTrue();
        Actions().Should().Equal("location.deactivated", "location.reactivated");
    }

    [Fact]
    public async Task AddAsync_SupportAgent_Refused4030()
    {
        _actor.Current = TestActor.SupportAgent(_northwind.Id);

        var result = await _service.AddAsync(_riverside.Id, "Powell", LocationKind.Location, default);

        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
    }

    [Fact]
    public async Task RenameAsync_PracticeStaff_Refused4030()
    {
        _actor.Current = TestActor.PracticeStaff(_northwind.Id, _riverside.Id);

        var result = await _service.RenameAsync(_riverside.Id, IdOf("dublin"), "Elsewhere", default);

        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
    }
}

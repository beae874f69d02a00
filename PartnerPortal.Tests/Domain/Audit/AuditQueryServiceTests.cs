using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Audit;

public sealed class AuditQueryServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly TestActor _actor = new();
    private readonly AuditLog _auditLog;
    private readonly AuditQueryService _service;
    private readonly int _northwindId;
    private readonly int _contosoId;
    private readonly int _riversideId;
    private readonly int _lakesideId;
    private readonly int _contosoMainId;

    public AuditQueryServiceTests()
    {
        _auditLog = new AuditLog(_clock);
        _service = new AuditQueryService(_database, _actor, _auditLog, _clock);
        using var db = _database.CreateDbContext();
        var northwind = TestData.AddPartner(db, "northwind");
        var contoso = TestData.AddPartner(db, "contoso");
        (_northwindId, _contosoId) = (northwind.Id, contoso.Id);
        _riversideId = TestData.AddAccount(db, northwind, "riverside").Id;
        _lakesideId = TestData.AddAccount(db, northwind, "lakeside").Id;
        _contosoMainId = TestData.AddAccount(db, contoso, "contoso-main").Id;
    }

    public void Dispose() => _database.Dispose();

    private static readonly DateTime Start = TestData.Now;

    private long Write(Actor actor, string action, string entityType, int? partnerId, int? accountId = null, string? summary = null,
        IReadOnlyList<FieldChange>? changes = null, DateTime? at = null)
    {
        _clock.Now = new DateTimeOffset(at ?? _clock.Now.UtcDateTime.AddMinutes(1));
        using var db = _database.CreateDbContext();
        var entry = _auditLog.Add(db, actor, new AuditRecord(action, entityType, "e-1", summary ?? $"{action} by {actor.DisplayName}", partnerId, accountId, changes));
        _auditLog.SaveChangesAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return entry.Id;
    }

    /// <summary>Six entries over two partners, an Operator decision and a system entry, one minute apart.</summary>
    private long[] WriteMixedEntries()
    {
        _clock.Now = new DateTimeOffset(Start);
        return
        [
            Write(TestActor.PartnerAdmin(_northwindId), "account.updated", "Account", _northwindId, _riversideId,
                changes: [new FieldChange("City", "Columbus", "Dayton")]),
            Write(TestActor.SupportAgent(_northwindId), "account.updated", "Account", _northwindId, _lakesideId),
            Write(TestActor.PartnerAdmin(_contosoId), "account.updated", "Account", _contosoId, _contosoMainId),
            Write(TestActor.PartnerAdmin(_northwindId), "partner.details_updated", "Partner", _northwindId),
            Write(TestActor.Operator(), "verification.approved", "VerificationRequest", _northwindId, _riversideId),
            Write(Actor.System("Demo data"), "demo.seeded", "System", null),
        ];
    }

    private async Task<IReadOnlyList<long>> IdsAsync(AuditFilter filter, AuditPageRequest? request = null) =>
        (await _service.GetPageAsync(filter, request ?? AuditPageRequest.First, CancellationToken.None)).Entries.Select(e => e.Id).ToList();

    [Fact]
    public async Task GetPageAsync_PartnerAdmin_SeesOnlyItsPartnersEntriesNewestFirst()
    {
        var ids = WriteMixedEntries();
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        (await IdsAsync(AuditFilter.None)).Should().Equal(ids[4], ids[3], ids[1], ids[0]);
    }

    [Fact]
    public async Task GetPageAsync_SupportAgent_SeesItsPartnersEntries()
    {
        var ids = WriteMixedEntries();
        _actor.Current = TestActor.SupportAgent(_contosoId);

        (await IdsAsync(AuditFilter.None)).Should().Equal(ids[2]);
    }

    [Fact]
    public async Task GetPageAsync_PracticeStaff_SeesNothing()
    {
        WriteMixedEntries();
        _actor.Current = TestActor.PracticeStaff(_northwindId, _riversideId);

        (await IdsAsync(AuditFilter.None)).Should().BeEmpty();
        (await _service.CountAsync(AuditFilter.None, CancellationToken.None)).Should().Be(new AuditCount(0, false));
        (await _service.GetRecentAsync(10, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task GetPageAsync_Operator_SeesAllPartnersAndCanNarrowToOne()
    {
        var ids = WriteMixedEntries();
        _actor.Current = TestActor.Operator();

        (await IdsAsync(AuditFilter.None)).Should().Equal(ids.Reverse());
        (await IdsAsync(new AuditFilter(PartnerId: _contosoId))).Should().Equal(ids[2]);
    }

    [Fact]
    public async Task GetPageAsync_PartnerFilterOfAPartnerUser_IsIgnored()
    {
        var ids = WriteMixedEntries();
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        (await IdsAsync(new AuditFilter(PartnerId: _contosoId))).Should().Equal(ids[4], ids[3], ids[1], ids[0]);
    }

    [Fact]
    public async Task GetPageAsync_ActionFilter_MatchesExactly()
    {
        var ids = WriteMixedEntries();
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        (await IdsAsync(new AuditFilter(Action: "account.updated"))).Should().Equal(ids[1], ids[0]);
        (await IdsAsync(new AuditFilter(Action: "account"))).Should().BeEmpty();
    }

    [Fact]
    public async Task GetPageAsync_EntityFilter_MatchesEntityType()
    {
        var ids = WriteMixedEntries();
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        (await IdsAsync(new AuditFilter(EntityType: "Partner"))).Should().Equal(ids[3]);
    }

    [Fact]
    public async Task GetPageAsync_AccountFilter_MatchesTheAccountOnlyWithinScope()
    {
        var ids = WriteMixedEntries();
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        (await IdsAsync(new AuditFilter(AccountId: _riversideId))).Should().Equal(ids[4], ids[0]);
        (await IdsAsync(new AuditFilter(AccountId: _contosoMainId))).Should().BeEmpty();
    }

    [Fact]
    public async Task GetPageAsync_ActorFilter_MatchesPartOfTheNameInAnyCaseOrTheExactId()
    {
        var ids = WriteMixedEntries();
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        (await IdsAsync(new AuditFilter(Actor: "SUPPORT of"))).Should().Equal(ids[1]);
        (await IdsAsync(new AuditFilter(Actor: "operator"))).Should().Equal(ids[4]);
        (await IdsAsync(new AuditFilter(Actor: "100%"))).Should().BeEmpty("% is matched literally");
    }

    [Fact]
    public async Task GetPageAsync_ActorFilter_MatchesAUsersEmail()
    {
        await using (var db = _database.CreateDbContext())
        {
            db.Users.Add(new ApplicationUser { Id = "user-dana", UserName = "dana@northwind.test", Email = "dana@northwind.test", DisplayName = "Dana Whitfield", PartnerId = _northwindId });
            await db.SaveChangesAsync();
        }

        WriteMixedEntries();
        var danas = Write(new Actor(ActorKind.User, "user-dana", "D. Whitfield", PortalRoles.PartnerAdmin, _northwindId, null), "account.updated", "Account", _northwindId);
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        (await IdsAsync(new AuditFilter(Actor: "dana@north"))).Should().Equal(danas);
    }

    [Fact]
    public async Task GetPageAsync_DateRange_IncludesFromAndExcludesTo()
    {
        var ids = WriteMixedEntries();
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        // Entries are at Start + 1..6 minutes.
        (await IdsAsync(new AuditFilter(From: Start.AddMinutes(2), To: Start.AddMinutes(5)))).Should().Equal(ids[3], ids[1]);
        (await IdsAsync(new AuditFilter(From: Start.AddMinutes(5)))).Should().Equal(ids[4]);
        (await IdsAsync(new AuditFilter(To: Start.AddMinutes(2)))).Should().Equal(ids[0]);
    }

    [Fact]
    public async Task GetPageAsync_EntriesNumberedOutOfTimeOrder_DateRangeIsStillExact()
    {
        _clock.Now = new DateTimeOffset(Start);
        var admin = TestActor.PartnerAdmin(_northwindId);
        var hours = Enumerable.Range(0, 3).Select(h => Write(admin, "a.hourly", "Thing", _northwindId, at: Start.AddHours(h))).ToList();
        // Stamped a moment before the entry just written, but numbered after it (a slower writer).
        var late = Write(admin, "a.late", "Thing", _northwindId, at: Start.AddHours(2).AddSeconds(-1));
        var after = Write(admin, "a.after", "Thing", _northwindId, at: Start.AddHours(5));
        _actor.Current = admin;

        (await IdsAsync(new AuditFilter(From: Start.AddHours(1), To: Start.AddHours(2)))).Should().Equal(late, hours[1]);
        (await IdsAsync(new AuditFilter(From: Start.AddHours(2)))).Should().Equal(after, hours[2]);
    }

    [Fact]
    public async Task GetPageAsync_KeysetPages_WalkOlderAndBackNewerWithoutGapsOrRepeats()
    {
        var admin = TestActor.PartnerAdmin(_northwindId);
        var ids = Enumerable.Range(0, 8).Select(i => Write(admin, "thing.done", "Thing", _northwindId)).Reverse().ToList();
        _actor.Current = admin;

        var first = await _service.GetPageAsync(AuditFilter.None, new AuditPageRequest(3), CancellationToken.None);
        var second = await _service.GetPageAsync(AuditFilter.None, new AuditPageRequest(3, OlderThan: first.Entries[^1].Id), CancellationToken.None);
        var third = await _service.GetPageAsync(AuditFilter.None, new AuditPageRequest(3, OlderThan: second.Entries[^1].Id), CancellationToken.None);
        var backToSecond = await _service.GetPageAsync(AuditFilter.None, new AuditPageRequest(3, NewerThan: third.Entries[0].Id), CancellationToken.None);
        var backToFirst = await _service.GetPageAsync(AuditFilter.None, new AuditPageRequest(3, NewerThan: backToSecond.Entries[0].Id), CancellationToken.None);

        first.Entries.Select(e => e.Id).Should().Equal(ids.Take(3));
        (first.HasNewer, first.HasOlder).Should().Be((false, true));
        second.Entries.Select(e => e.Id).Should().Equal(ids.Skip(3).Take(3));
        (second.HasNewer, second.HasOlder).Should().Be((true, true));
        third.Entries.Select(e => e.Id).Should().Equal(ids.Skip(6));
        (third.HasNewer, third.HasOlder).Should().Be((true, false));
        backToSecond.Entries.Select(e => e.Id).Should().Equal(second.Entries.Select(e => e.Id));
        (backToSecond.HasNewer, backToSecond.HasOlder).Should().Be((true, true));
        backToFirst.Entries.Select(e => e.Id).Should().Equal(ids.Take(3));
        (backToFirst.HasNewer, backToFirst.HasOlder).Should().Be((false, true));
    }

    [Fact]
    public async Task GetPageAsync_Entry_CarriesNamesAndParsedFieldChanges()
    {
        var ids = WriteMixedEntries();
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        var entry = (await _service.GetPageAsync(AuditFilter.None, AuditPageRequest.First, CancellationToken.None)).Entries.Single(e => e.Id == ids[0]);

        entry.Changes.Should().Equal(new FieldChange("City", "Columbus", "Dayton"));
        entry.AccountName.Should().Be("riverside Clinic");
        entry.PartnerName.Should().Be("northwind");
        entry.ActorName.Should().Be($"Admin of {_northwindId}");
        entry.OccurredAt.Should().Be(Start.AddMinutes(1));
        entry.OccurredAt.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public async Task CountAsync_ManyEntries_StopsAtTheCap()
    {
        await using (var db = _database.CreateDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {AuditQueryService.CountCap + 1})
                INSERT INTO "AuditEntries" ("OccurredAt", "ActorKind", "ActorId", "ActorName", "PartnerId", "Action", "EntityType", "Summary", "PreviousHash", "Hash")
                SELECT '2026-11-25 12:00:00', 'System', 'system', 'Bulk', {_northwindId}, 'bulk.added', 'Thing', 'Bulk ' || x, '', '' FROM n
                """);
        }

        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        (await _service.CountAsync(AuditFilter.None, CancellationToken.None)).Should().Be(new AuditCount(AuditQueryService.CountCap, true));
        (await _service.CountAsync(new AuditFilter(Action: "other"), CancellationToken.None)).Should().Be(new AuditCount(0, false));
    }

    [Fact]
    public async Task GetFilterOptionsAsync_ListsDistinctActionsAndEntityTypesInOrder()
    {
        WriteMixedEntries();
        _actor.Current = TestActor.SupportAgent(_northwindId);

        var options = await _service.GetFilterOptionsAsync(CancellationToken.None);

        options.Actions.Should().Equal("account.updated", "demo.seeded", "partner.details_updated", "verification.approved");
        options.EntityTypes.Should().Equal("Account", "Partner", "System", "VerificationRequest");
        options.Partners.Should().BeEmpty("a partner user only ever sees its own partner");
    }

    [Fact]
    public async Task GetFilterOptionsAsync_Operator_AlsoChoosesAmongPartners()
    {
        _actor.Current = TestActor.Operator();

        var options = await _service.GetFilterOptionsAsync(CancellationToken.None);

        options.Partners.Should().Equal(new AuditPartnerOption(_contosoId, "contoso"), new AuditPartnerOption(_northwindId, "northwind"));
    }

    [Fact]
    public async Task SearchAccountsAsync_PartnerAdmin_FindsOnlyItsAccounts()
    {
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        var accounts = await _service.SearchAccountsAsync("SIDE", CancellationToken.None);

        accounts.Select(a => a.ExternalId).Should().Equal("lakeside", "riverside");
        (await _service.SearchAccountsAsync("contoso", CancellationToken.None)).Should().BeEmpty();
    }
}

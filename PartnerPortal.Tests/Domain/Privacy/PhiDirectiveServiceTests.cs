using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Privacy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Privacy;

public sealed class PhiDirectiveServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly PhiDirectiveService _service;
    private readonly int _partnerId;
    private readonly int _otherPartnerId;

    public PhiDirectiveServiceTests()
    {
        _service = new PhiDirectiveService(_database, _actor, new AuditLog(_clock), _clock);
        using var db = _database.CreateDbContext();
        _partnerId = TestData.AddPartner(db, "northwind").Id;
        _otherPartnerId = TestData.AddPartner(db, "contoso").Id;
        _actor.Current = TestActor.PartnerAdmin(_partnerId);
    }

    public void Dispose() => _database.Dispose();

    private int? StoredDays(int partnerId)
    {
        using var db = _database.CreateDbContext();
        return db.PhiDirectives.Where(d => d.PartnerId == partnerId).Select(d => (int?)d.ContentRetentionDays).FirstOrDefault();
    }

    [Fact]
    public async Task GetAsync_NeverChanged_DefaultOf90Days()
    {
        var result = await _service.GetAsync(CancellationToken.None);

        result.Value!.ContentRetentionDays.Should().Be(90);
        result.Value.IsDefault.Should().BeTrue();
        result.Value.CanEdit.Should().BeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(3651)]
    public async Task UpdateAsync_OutOfRange_RefusedOnTheFieldAndNothingSaved(int days)
    {
        var result = await _service.UpdateAsync(days, CancellationToken.None);

        result.FirstError!.Field.Should().Be(PhiDirectiveService.RetentionField);
        result.FirstError.Message.Should().Be("Enter a number of days from 1 to 3,650.");
        StoredDays(_partnerId).Should().BeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3650)]
    public async Task UpdateAsync_WithinRange_Saved(int days)
    {
        var result = await _service.UpdateAsync(days, CancellationToken.None);

        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
        result.Value!.ContentRetentionDays.Should().Be(days);
        result.Value.UpdatedAt.Should().Be(TestData.Now);
        StoredDays(_partnerId).Should().Be(days);
        StoredDays(_otherPartnerId).Should().BeNull();
    }

    [Fact]
    public async Task UpdateAsync_Change_AuditedWithBeforeAndAfter()
    {
        await _service.UpdateAsync(30, CancellationToken.None);
        await _service.UpdateAsync(7, CancellationToken.None);

        using var db = _database.CreateDbContext();
        var entries = await db.AuditEntries.Where(e => e.Action == "phi_directive.updated").OrderBy(e => e.Id).ToListAsync();
        entries.Should().HaveCount(2);
        entries.Should().OnlyContain(e => e.PartnerId == _partnerId && e.EntityType == "PhiDirective");
        var changes = JsonSerializer.Deserialize<List<FieldChange>>(entries[1].ChangesJson!, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        changes.Should().Equal(new FieldChange("ContentRetentionDays", "30", "7"));
        JsonSerializer.Deserialize<List<FieldChange>>(entries[0].ChangesJson!, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            .Should().Equal(new FieldChange("ContentRetentionDays", "90", "30"));
        (await AuditLog.VerifyAsync(db, CancellationToken.None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task UpdateAsync_SameAsCurrent_NothingStoredOrAudited()
    {
        var result = await _service.UpdateAsync(90, CancellationToken.None);

        result.Value!.IsDefault.Should().BeTrue();
        StoredDays(_partnerId).Should().BeNull();
        using var db = _database.CreateDbContext();
        db.AuditEntries.Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateAsync_SupportAgent_RefusedAndCanOnlyRead()
    {
        _actor.Current = TestActor.SupportAgent(_partnerId);

        var update = await _service.UpdateAsync(30, CancellationToken.None);
        var read = await _service.GetAsync(CancellationToken.None);

        update.Succeeded.Should().BeFalse();
        StoredDays(_partnerId).Should().BeNull();
        read.Value!.CanEdit.Should().BeFalse();
        read.Value.ContentRetentionDays.Should().Be(90);
    }

    [Fact]
    public async Task GetAsync_OperatorNotFound_UpdateByPracticeStaffRefused()
    {
        _actor.Current = TestActor.Operator();
        (await _service.GetAsync(CancellationToken.None)).FirstError!.Code.Should().Be(ResultCodes.NotFound);

        // A change the role may not make is refused for lack of permission (DESIGN §1: 4030), before any lookup.
        _actor.Current = TestActor.PracticeStaff(_partnerId, 1);
        (await _service.UpdateAsync(30, CancellationToken.None)).FirstError!.Code.Should().Be(ResultCodes.Forbidden);
    }
}

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Audit;

public sealed class AuditExportAndIntegrityTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly TestActor _actor = new();
    private readonly AuditLog _auditLog;
    private readonly AuditQueryService _service;
    private readonly int _northwindId;
    private readonly int _contosoId;

    public AuditExportAndIntegrityTests()
    {
        _auditLog = new AuditLog(_clock);
        _service = new AuditQueryService(_database, _actor, _auditLog, _clock);
        using var db = _database.CreateDbContext();
        _northwindId = TestData.AddPartner(db, "northwind").Id;
        _contosoId = TestData.AddPartner(db, "contoso").Id;
    }

    public void Dispose() => _database.Dispose();

    private async Task<long> WriteAsync(int partnerId, string summary, IReadOnlyList<FieldChange>? changes = null)
    {
        _clock.Advance(TimeSpan.FromMinutes(1));
        await using var db = _database.CreateDbContext();
        var entry = _auditLog.Add(db, TestActor.PartnerAdmin(partnerId), new AuditRecord("account.updated", "Account", "acc", summary, partnerId, null, changes));
        await _auditLog.SaveChangesAsync(db, CancellationToken.None);
        return entry.Id;
    }

    private async Task<string> ExportAsync(AuditFilter filter)
    {
        await using var writer = new StringWriter();
        (await _service.ExportCsvAsync(filter, writer, CancellationToken.None)).Succeeded.Should().BeTrue();
        return writer.ToString();
    }

    [Fact]
    public async Task ExportCsvAsync_WritesHeaderAndTheScopedEntriesNewestFirst()
    {
        await WriteAsync(_northwindId, "First change", [new FieldChange("City", "Columbus", "Dayton")]);
        await WriteAsync(_contosoId, "Contoso change");
        await WriteAsync(_northwindId, "Second change");
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        var lines = (await ExportAsync(AuditFilter.None)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().Be(string.Join(',', AuditCsv.Header));
        lines.Should().HaveCount(3);
        lines[1].Should().Contain("Second change");
        lines[2].Should().Contain("First change").And.Contain("City: Columbus → Dayton");
    }

    [Fact]
    public async Task ExportCsvAsync_FormulaLikeCells_AreNeutralisedAndQuoted()
    {
        await WriteAsync(_northwindId, "=HYPERLINK(\"http://evil.example\",\"click\")");
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        var csv = await ExportAsync(AuditFilter.None);

        csv.Should().Contain("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"");
    }

    [Fact]
    public async Task ExportCsvAsync_RecordsTheExportInTheTrail()
    {
        await WriteAsync(_northwindId, "A change");
        _actor.Current = TestActor.SupportAgent(_northwindId);

        await ExportAsync(new AuditFilter(Action: "account.updated"));

        await using var db = _database.CreateDbContext();
        var last = await db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync();
        last.Action.Should().Be("audit_log.exported");
        last.PartnerId.Should().Be(_northwindId);
        last.Summary.Should().Contain("action account.updated");
    }

    [Fact]
    public async Task ExportCsvAsync_PracticeStaff_IsRefused()
    {
        _actor.Current = TestActor.PracticeStaff(_northwindId, 1);
        await using var writer = new StringWriter();

        var result = await _service.ExportCsvAsync(AuditFilter.None, writer, CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        writer.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task VerifyIntegrityAsync_UntouchedTrail_IsIntact()
    {
        await WriteAsync(_northwindId, "One");
        await WriteAsync(_contosoId, "Two");
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        var report = (await _service.VerifyIntegrityAsync(CancellationToken.None)).Value!;

        report.IsIntact.Should().BeTrue();
        report.FirstBrokenEntryId.Should().BeNull();
        report.EntriesChecked.Should().BeNull("partner users do not learn the size of the whole trail");
    }

    [Fact]
    public async Task VerifyIntegrityAsync_Operator_SeesHowManyEntriesWereChecked()
    {
        await WriteAsync(_northwindId, "One");
        await WriteAsync(_contosoId, "Two");
        _actor.Current = TestActor.Operator();

        var report = (await _service.VerifyIntegrityAsync(CancellationToken.None)).Value!;

        report.IsIntact.Should().BeTrue();
        report.EntriesChecked.Should().Be(2);
    }

    [Fact]
    public async Task VerifyIntegrityAsync_TamperedEntry_IsReportedWithItsDetails()
    {
        await WriteAsync(_northwindId, "One");
        var tampered = await WriteAsync(_northwindId, "Two", [new FieldChange("City", "Columbus", "Dayton")]);
        await WriteAsync(_northwindId, "Three");
        await using (var db = _database.CreateDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "AuditEntries" SET "ChangesJson" = '[]' WHERE "Id" = {tampered}""");
        }

        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        var report = (await _service.VerifyIntegrityAsync(CancellationToken.None)).Value!;

        report.IsIntact.Should().BeFalse();
        report.FirstBrokenEntryId.Should().Be(tampered);
        report.Problem.Should().Contain("changed after it was written");
        report.BrokenEntry!.Summary.Should().Be("Two");
    }

    [Fact]
    public async Task VerifyIntegrityAsync_TamperedEntryOfAnotherPartner_IsReportedWithoutItsDetails()
    {
        var tampered = await WriteAsync(_contosoId, "Contoso");
        await using (var db = _database.CreateDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "AuditEntries" SET "Summary" = 'Nothing' WHERE "Id" = {tampered}""");
        }

        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        var report = (await _service.VerifyIntegrityAsync(CancellationToken.None)).Value!;

        report.FirstBrokenEntryId.Should().Be(tampered);
        report.BrokenEntry.Should().BeNull();
    }

    [Fact]
    public async Task VerifyIntegrityAsync_SupportAgent_IsRefused()
    {
        _actor.Current = TestActor.SupportAgent(_northwindId);

        var result = await _service.VerifyIntegrityAsync(CancellationToken.None);

        result.Succeeded.Should().BeFalse();
    }
}

using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly AuditLog _auditLog;

    public AuditLogTests() => _auditLog = new AuditLog(_clock);

    public void Dispose() => _database.Dispose();

    private async Task WriteEntriesAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var db = _database.CreateDbContext();
            _auditLog.Add(db, TestActor.PartnerAdmin(1), new AuditRecord("account.updated", "Account", $"acc-{i}", $"Account {i} updated",
                PartnerId: 1, Changes: [new FieldChange("City", "Columbus", $"City {i}")]));
            await _auditLog.SaveChangesAsync(db, CancellationToken.None);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task Add_SummaryLongerThanItsColumn_IsCutToFitAndTheChainStaysIntact()
    {
        await using (var db = _database.CreateDbContext())
        {
            var url = "https://provider.example/" + new string('a', 3000);
            _auditLog.Add(db, TestActor.PartnerAdmin(1), new AuditRecord("provider.updated", "ProviderSettings", "1", $"Provider URL set to {url}", PartnerId: 1));
            await _auditLog.SaveChangesAsync(db, CancellationToken.None);
        }

        await using var check = _database.CreateDbContext();
        var entry = await check.AuditEntries.SingleAsync();
        entry.Summary.Should().HaveLength(AuditLog.MaxSummaryLength).And.StartWith("Provider URL set to https://provider.example/").And.EndWith("…");
        (await AuditLog.VerifyAsync(check, CancellationToken.None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task VerifyAsync_UntouchedChain_IsIntact()
    {
        await WriteEntriesAsync(5);

        await using var db = _database.CreateDbContext();
        var result = await AuditLog.VerifyAsync(db, CancellationToken.None);

        result.IsIntact.Should().BeTrue();
        result.EntriesChecked.Should().Be(5);
        var entries = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        entries[0].PreviousHash.Should().Be(AuditLog.GenesisHash);
        entries[1].PreviousHash.Should().Be(entries[0].Hash);
    }

    [Fact]
    public async Task VerifyAsync_EditedEntry_ReportsThatEntry()
    {
        await WriteEntriesAsync(5);
        await using var db = _database.CreateDbContext();
        var third = await db.AuditEntries.OrderBy(e => e.Id).Skip(2).FirstAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "AuditEntries" SET "Summary" = 'Nothing happened' WHERE "Id" = {third.Id}""");

        var result = await AuditLog.VerifyAsync(db, CancellationToken.None);

        result.IsIntact.Should().BeFalse();
        result.FirstBrokenEntryId.Should().Be(third.Id);
        result.Problem.Should().Contain("changed");
    }

    [Fact]
    public async Task VerifyAsync_DeletedEntry_ReportsTheEntryAfterTheGap()
    {
        await WriteEntriesAsync(5);
        await using var db = _database.CreateDbContext();
        var ids = await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {ids[1]}""");

        var result = await AuditLog.VerifyAsync(db, CancellationToken.None);

        result.IsIntact.Should().BeFalse();
        result.FirstBrokenEntryId.Should().Be(ids[2]);
        result.Problem.Should().Contain("removed");
    }

    [Fact]
    public async Task SaveChangesAsync_ConcurrentWriters_KeepOneUnbrokenChain()
    {
        // Separate connections to one file, as in the app (one in-memory connection cannot be shared across threads).
        using var database = TestDatabase.FileBacked();
        async Task WriteAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await using var writer = database.CreateDbContext();
                _auditLog.Add(writer, TestActor.PartnerAdmin(1), new AuditRecord("account.updated", "Account", $"acc-{i}", $"Account {i} updated", PartnerId: 1));
                await _auditLog.SaveChangesAsync(writer, CancellationToken.None);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => WriteAsync(5))));

        await using var db = database.CreateDbContext();
        var result = await AuditLog.VerifyAsync(db, CancellationToken.None);

        result.IsIntact.Should().BeTrue();
        result.EntriesChecked.Should().Be(40);
    }

    [Fact]
    public async Task Add_RecordsActorPartnerIpAndFieldChanges()
    {
        await WriteEntriesAsync(1);

        await using var db = _database.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync();
        entry.ActorName.Should().Be("Admin of 1");
        entry.ActorKind.Should().Be(ActorKind.User);
        entry.PartnerId.Should().Be(1);
        entry.IpAddress.Should().Be("127.0.0.1");
        entry.OccurredAt.Should().Be(TestData.Now);
        entry.ChangesJson.Should().Contain("\"before\":\"Columbus\"").And.Contain("\"after\":\"City 0\"");
    }

    [Fact]
    public void Diff_ReturnsOnlyChangedFields()
    {
        var changes = AuditLog.Diff(
            new Dictionary<string, string?> { ["Name"] = "A", ["City"] = "Columbus", ["Zip"] = null },
            new Dictionary<string, string?> { ["Name"] = "A", ["City"] = "Dayton", ["Zip"] = "43215" });

        changes.Should().BeEquivalentTo([new FieldChange("City", "Columbus", "Dayton"), new FieldChange("Zip", null, "43215")]);
    }
}

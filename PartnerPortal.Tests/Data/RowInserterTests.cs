using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Data;

public sealed class RowInserterTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly int _accountId;
    private readonly int _locationId;

    public RowInserterTests()
    {
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "riverside");
        _accountId = account.Id;
        _locationId = account.Locations[0].Id;
    }

    public void Dispose() => _database.Dispose();

    // Every kind of column: enums stored as text, nullable enums, dates with and without a value, flags, text.
    private Message NewMessage(string? idempotencyKey) => new()
    {
        AccountId = _accountId, LocationId = _locationId, SenderNumber = "+16145550100", ToNumber = "+16145550123",
        Kind = MessageKind.SecureText, Type = MessageType.Notification, NotifyMethod = NotifyMethod.Email,
        Content = "Your results are ready — ünïcödé", Encoding = SegmentCalculator.Ucs2, SegmentCount = 2,
        Status = MessageStatus.Pending, Attempts = 3, IdempotencyKey = idempotencyKey, RequestFingerprint = new string('f', 64),
        CreatedAt = TestData.Now.AddTicks(1_234_560) /* microseconds: what PostgreSQL keeps */, UpdatedAt = TestData.Now, SentAt = null,
        SecureLinkExpiresAt = TestData.Now.AddDays(7), SecureLocked = true, SecureFailedAttempts = 1,
    };

    private static async Task<List<object?>> RawRowAsync(ApplicationDbContext db, string table, long id)
    {
        // The stored values as the provider returns them, every column but the key.
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"Id\" = {id}";
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        return Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) != "Id").Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToList();
    }

    [Fact]
    public async Task InsertAsync_Messages_StoresWhatSaveChangesStoresAndSetsTheKeys()
    {
        var viaEf = NewMessage("ef");
        var viaInserter = new[] { NewMessage("inserted-1"), NewMessage("inserted-2") };
        await using var db = _database.CreateDbContext();
        db.Messages.Add(viaEf);
        await db.SaveChangesAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await RowInserter.InsertAsync(db, viaInserter, CancellationToken.None);
            await transaction.CommitAsync();
        }

        viaInserter.Select(m => m.Id).Should().OnlyContain(id => id > viaEf.Id).And.OnlyHaveUniqueItems();
        var expected = await RawRowAsync(db, "Messages", viaEf.Id);
        var stored = await RawRowAsync(db, "Messages", viaInserter[0].Id);
        var keyColumn = expected.IndexOf("ef");
        stored[keyColumn].Should().Be("inserted-1");
        stored[keyColumn] = "ef";
        stored.Should().Equal(expected);
        var read = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == viaInserter[1].Id);
        read.Should().BeEquivalentTo(viaInserter[1], options => options.Excluding(m => m.Account).Excluding(m => m.Location).Excluding(m => m.Recipient));
    }

    [Fact]
    public async Task InsertAsync_AuditEntries_ChainedByAppendAsync_VerifyIntact()
    {
        var auditLog = new AuditLog(new FixedTimeProvider());
        var actor = TestActor.PartnerAdmin(1);
        await using var db = _database.CreateDbContext();
        auditLog.Add(db, actor, new AuditRecord("test.first", "Test", "1", "Before the batch"));
        await auditLog.SaveChangesAsync(db, CancellationToken.None);

        await auditLog.InTransactionAsync(db, () => AuditLog.AppendAsync(db,
            [auditLog.Create(actor, new AuditRecord("test.batch", "Test", "2", "First of the batch")),
             auditLog.Create(actor, new AuditRecord("test.batch", "Test", "3", "Second of the batch", Changes: [new FieldChange("Name", "a", "b")]))],
            CancellationToken.None), CancellationToken.None);
        auditLog.Add(db, actor, new AuditRecord("test.after", "Test", "4", "After the batch"));
        await auditLog.SaveChangesAsync(db, CancellationToken.None);

        (await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Summary).ToListAsync())
            .Should().Equal("Before the batch", "First of the batch", "Second of the batch", "After the batch");
        (await AuditLog.VerifyAsync(db, CancellationToken.None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task InsertAsync_DuplicateIdempotencyKey_ThrowsDbUpdateExceptionAndRollsBackTheBatch()
    {
        await using (var setup = _database.CreateDbContext())
        {
            setup.Messages.Add(NewMessage("taken"));
            await setup.SaveChangesAsync();
        }

        await using var db = _database.CreateDbContext();
        var insert = async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await RowInserter.InsertAsync(db, [NewMessage("fresh"), NewMessage("taken")], CancellationToken.None);
            await transaction.CommitAsync();
        };

        await insert.Should().ThrowAsync<DbUpdateException>();
        (await db.Messages.CountAsync(m => m.IdempotencyKey == "fresh")).Should().Be(0);
    }

    [Fact]
    public async Task InsertAsync_OutsideATransaction_IsRefused()
    {
        await using var db = _database.CreateDbContext();

        var insert = () => RowInserter.InsertAsync(db, [NewMessage(null)], CancellationToken.None);

        await insert.Should().ThrowAsync<InvalidOperationException>();
        (await db.Messages.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task AppendAsync_OutsideInTransactionAsync_IsRefusedAndWritesNothing()
    {
        var auditLog = new AuditLog(new FixedTimeProvider());
        await using var db = _database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();

        var append = () => AuditLog.AppendAsync(db, [auditLog.Create(TestActor.Operator(), new AuditRecord("test", "Test", "1", "Unchained"))], CancellationToken.None);

        await append.Should().ThrowAsync<InvalidOperationException>();
        await transaction.CommitAsync();
        (await db.AuditEntries.CountAsync()).Should().Be(0);
    }
}

using PartnerPortal.Data;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Messaging;

/// <summary>
/// The group commit under concurrent sends (a file database, so each context has its own connection): every send is
/// stored once with its audit entry, requests sharing an Idempotency-Key get one message, and the chain stays intact.
/// </summary>
public sealed class MessageGroupCommitTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.FileBacked();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private MessageStore _store = null!;
    private SendService _service = null!;
    private int _accountId;
    private int _patientId;

    public Task InitializeAsync()
    {
        var auditLog = new AuditLog(_clock);
        _store = new MessageStore(_database, auditLog);
        _service = new SendService(_database, _actor, auditLog, new NumberRequestService(_database, _actor, auditLog, _clock),
            new SecureTextOptions { PublicBaseUrl = "https://portal.example" }, _clock, _store);
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        _accountId = TestData.AddAccount(db, partner, "riverside", null, ("default", "Default Location", SmsNumberStatus.Approved, "+16145550100")).Id;
        var patient = new Recipient
        {
            AccountId = _accountId, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis", DateOfBirth = new DateOnly(1984, 3, 12), Mobile = "+16145550123",
            CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
        };
        db.Recipients.Add(patient);
        db.SaveChanges();
        _patientId = patient.Id;
        _actor.Current = TestActor.PracticeStaff(partner.Id, _accountId);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _database.Dispose();
    }

    private Task<PartnerPortal.Domain.Common.Result<SendOutcome>> SendAsync(string content, string? key) => Task.Run(() => _service.SendAsync(new SendRequest
    {
        AccountId = _accountId, RecipientId = _patientId, LocationId = null, ViaApi = true, Content = content, IdempotencyKey = key,
    }, CancellationToken.None));

    [Fact]
    public async Task ConcurrentSends_EachStoredOnceWithItsAuditEntry_SharedKeyGetsOneMessage()
    {
        var distinct = Enumerable.Range(0, 12).Select(i => SendAsync($"Reminder {i}: your appointment is tomorrow.", key: null));
        var sameKey = Enumerable.Range(0, 6).Select(_ => SendAsync("One reminder, asked for six times.", key: "retry-1"));

        var results = await Task.WhenAll(distinct.Concat(sameKey));

        results.Should().OnlyContain(r => r.Succeeded);
        results.Skip(12).Select(r => r.Value!.MessageId).Distinct().Should().ContainSingle("one Idempotency-Key is one message");
        await using var db = _database.CreateDbContext();
        var messages = await db.Messages.Where(m => m.AccountId == _accountId).Select(m => m.Id).ToListAsync();
        messages.Should().HaveCount(13);
        var queued = await db.AuditEntries.Where(e => e.Action == "message.queued").Select(e => e.EntityId).ToListAsync();
        queued.Should().BeEquivalentTo(messages.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        (await AuditLog.VerifyAsync(db, CancellationToken.None)).IsIntact.Should().BeTrue();
    }
}

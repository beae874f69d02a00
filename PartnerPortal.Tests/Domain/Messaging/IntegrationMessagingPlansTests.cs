using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Messaging;

/// <summary>
/// The Integration API's busy paths, asked of SQLite: a send (patient with opt-out, account, locations, the write)
/// and the message reads must find their rows by index, whatever the number of accounts, messages and opt-outs.
/// </summary>
public sealed class IntegrationMessagingPlansTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.RecordingPlans();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly IntegrationMessagingService _service;

    public IntegrationMessagingPlansTests()
    {
        var auditLog = new AuditLog(_clock);
        var store = new MessageStore(_database, auditLog);
        var send = new SendService(_database, _actor, auditLog, new NumberRequestService(_database, _actor, auditLog, _clock),
            new SecureTextOptions { PublicBaseUrl = "https://portal.example" }, _clock, store);
        _service = new IntegrationMessagingService(_database, _actor, send, new TemplateService(_database, _actor, auditLog, _clock), store);
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "riverside", null, ("default", "Default Location", SmsNumberStatus.Approved, "+16145550100"));
        var other = TestData.AddAccount(db, partner, "lakeside", null, ("default", "Lakeside", SmsNumberStatus.Approved, "+16145550111"));
        db.Recipients.AddRange(
            Patient(account.Id, "P-1", "+16145550123"),
            Patient(account.Id, "P-2", "+16145550124"),
            Patient(other.Id, "P-1", "+16145550123"));
        db.OptOuts.AddRange(
            new OptOut { AccountId = account.Id, Phone = "+16145550124", Keyword = "STOP", OptedOutAt = TestData.Now.AddDays(-3) },
            new OptOut { AccountId = other.Id, Phone = "+16145550123", Keyword = "STOP", OptedOutAt = TestData.Now.AddDays(-2) });
        db.SaveChanges();
        _actor.Current = new Actor(ActorKind.ApiKey, "apikey:1", "API key 'vox'", PortalRoles.IntegrationApi, partner.Id, account.Id);
        _database.Plans!.Clear();
    }

    public void Dispose() => _database.Dispose();

    private static Recipient Patient(int accountId, string providerId, string mobile) => new()
    {
        AccountId = accountId, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis", DateOfBirth = new DateOnly(1984, 3, 12), Mobile = mobile,
        ProviderId = providerId, CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
    };

    private static PatientTextRequest Input(string providerId) => new(providerId, "Your appointment is tomorrow at 9:00.", null, null, null, null, null, null, null, null);

    [Fact]
    public async Task SendAsync_KnownPatient_StoresTheMessageReadingEveryRowByIndex()
    {
        var sent = await _service.SendAsync(Input("P-1"), CancellationToken.None);

        sent.Succeeded.Should().BeTrue(sent.FirstError?.Message);
        sent.Value!.Status.Should().Be(nameof(MessageStatus.Pending));
        (await _database.Plans!.FullScansAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task SendAsync_OptedOutPatient_Answers4050WithTheDateAndKeyword()
    {
        var sent = await _service.SendAsync(Input("P-2"), CancellationToken.None);

        sent.Succeeded.Should().BeFalse();
        sent.FirstError!.Code.Should().Be(ResultCodes.OptedOut);
        sent.FirstError.Message.Should().Contain("November 22, 2026").And.Contain("(replied STOP)");
        (await _database.Plans!.FullScansAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ListAndGet_ReadTheAccountsMessagesByIndex()
    {
        var sent = await _service.SendAsync(Input("P-1"), CancellationToken.None);
        _database.Plans!.Clear();

        var page = await _service.ListAsync(1, 20, CancellationToken.None);
        var one = await _service.GetAsync(sent.Value!.MessageId, CancellationToken.None);

        page.Value!.Count.Should().Be(1);
        one.Value!.Content.Should().Be("Your appointment is tomorrow at 9:00.");
        (await _database.Plans.FullScansAsync()).Should().BeEmpty();
    }
}

using PartnerPortal.Data;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Messaging;

/// <summary>A deactivated account, vendor or location keeps its history but is not sent from.</summary>
public sealed class DeactivatedSendingTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly SendService _send;
    private readonly AccountService _accounts;
    private readonly LocationService _locations;
    private readonly Partner _partner;
    private readonly Account _account;
    private readonly int _dublin;
    private readonly int _worthington;
    private readonly int _patient;

    public DeactivatedSendingTests()
    {
        var auditLog = new AuditLog(_clock);
        _send = new SendService(_database, _actor, auditLog, new NumberRequestService(_database, _actor, auditLog, _clock),
            new SecureTextOptions { PublicBaseUrl = "https://portal.example" }, _clock, new MessageStore(_database, auditLog));
        _accounts = new AccountService(_database, _actor, auditLog, _clock);
        _locations = new LocationService(_database, _actor, auditLog, _clock);
        using var db = _database.CreateDbContext();
        _partner = TestData.AddPartner(db, "northwind");
        _account = TestData.AddAccount(db, _partner, "riverside", null,
            ("default", "Default Location", SmsNumberStatus.Approved, "+16145550100"),
            ("dublin", "Dublin", SmsNumberStatus.Approved, "+12195550114"),
            ("worthington", "Worthington", SmsNumberStatus.Approved, "+12295550109"));
        _dublin = db.Locations.Single(l => l.ExternalId == "dublin").Id;
        _worthington = db.Locations.Single(l => l.ExternalId == "worthington").Id;
        var recipient = new Recipient
        {
            AccountId = _account.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis",
            DateOfBirth = new DateOnly(1984, 3, 12), Mobile = "+16145550123", CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
        };
        db.Recipients.Add(recipient);
        db.SaveChanges();
        _patient = recipient.Id;
        _actor.Current = TestActor.PartnerAdmin(_partner.Id);
    }

    public void Dispose() => _database.Dispose();

    private Task<Result<SendOutcome>> SendAsync(int? locationId, bool viaApi = false) => _send.SendAsync(new SendRequest
    {
        AccountId = _account.Id, LocationId = locationId, RecipientId = _patient, Content = "Your appointment is tomorrow at 9am.", ViaApi = viaApi,
    }, default);

    private int Messages()
    {
        using var db = _database.CreateDbContext();
        return db.Messages.Count();
    }

    [Fact]
    public async Task SetActiveAsync_Deactivating_CancelsTheAccountsScheduledTextsWithTheReason()
    {
        var scheduled = await _send.SendAsync(new SendRequest
        {
            AccountId = _account.Id, LocationId = _dublin, RecipientId = _patient, Content = "Your appointment is next week.",
            SendAt = _clock.GetUtcNow().UtcDateTime.AddHours(3),
        }, default);

        await _accounts.SetActiveAsync(_account.Id, false, default);

        using var db = _database.CreateDbContext();
        var message = db.Messages.Single(m => m.Id == scheduled.Value!.MessageId);
        message.Status.Should().Be(MessageStatus.Failed);
        message.ErrorReason.Should().Be("Cancelled: the account riverside Clinic was deactivated.");
        db.AuditEntries.Single(e => e.Action == "account.deactivated").Summary.Should().EndWith("; 1 scheduled texts cancelled");
    }

    [Fact]
    public async Task SendAsync_DeactivatedAccount_Refused4070WithAClearMessageAndNothingStored()
    {
        var sent = await SendAsync(_dublin);
        await _accounts.SetActiveAsync(_account.Id, false, default);

        var result = await SendAsync(_dublin);

        result.FirstError!.Code.Should().Be(ResultCodes.AccountDeactivated);
        result.FirstError.Message.Should().Be(SendRefusals.AccountDeactivated);
        Messages().Should().Be(1, "the history stays, nothing new is stored");
        sent.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task SendAsync_ReactivatedAccount_SendsAgain()
    {
        await _accounts.SetActiveAsync(_account.Id, false, default);
        await _accounts.SetActiveAsync(_account.Id, true, default);

        var result = await SendAsync(_dublin);

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task SendAsync_DeactivatedVendor_Refused4070()
    {
        using (var db = _database.CreateDbContext())
        {
            db.Partners.Where(p => p.Id == _partner.Id).ExecuteUpdate(s => s.SetProperty(p => p.DeactivatedAt, TestData.Now));
        }

        var result = await SendAsync(_dublin);

        result.FirstError!.Should().Match<Error>(e => e.Code == ResultCodes.AccountDeactivated && e.Message == SendRefusals.PartnerDeactivated);
    }

    [Fact]
    public async Task SendAsync_DeactivatedLocation_RefusedOnTheLocation()
    {
        await _locations.SetActiveAsync(_account.Id, _dublin, false, default);

        var result = await SendAsync(_dublin);

        result.FirstError!.Should().Match<Error>(e => e.Field == "location" && e.Message == "Dublin is deactivated; choose another location to send from.");
        Messages().Should().Be(0);
    }

    [Fact]
    public async Task SendContext_DeactivatedLocation_NotInSendFrom()
    {
        await _locations.SetActiveAsync(_account.Id, _worthington, false, default);

        var context = await new SendContextService(_database, _actor).GetAsync(_account.Id, default);

        context.Value!.Locations.Select(l => l.Name).Should().Equal("Default Location", "Dublin");
    }

    [Fact]
    public async Task SmsNumbers_DeactivatedLocation_ListedAsInactiveAndNoNumberRequested()
    {
        await _locations.SetActiveAsync(_account.Id, _worthington, false, default);
        var numbers = new SmsNumberService(_database, _actor, new NumberRequestService(_database, _actor, new AuditLog(_clock), _clock));

        var list = await numbers.ListForAccountAsync(_account.Id, default);

        list.Value!.Single(n => n.ExternalId == "worthington").IsActive.Should().BeFalse();
        (await numbers.AddNumberAsync(_account.Id, _worthington, default)).FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }
}

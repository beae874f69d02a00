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
using PartnerPortal.Domain.Templates;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Messaging;

/// <summary>
/// DESIGN §4 over the Integration API: permission and activation before validation and not-found, and a refused send
/// leaves no patient, message or audit entry (the new patient is stored with the message, in its transaction).
/// </summary>
public sealed class IntegrationSendOrderTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly IntegrationMessagingService _service;
    private readonly Partner _partner;
    private readonly Account _account;

    public IntegrationSendOrderTests()
    {
        var auditLog = new AuditLog(_clock);
        var store = new MessageStore(_database, auditLog);
        var send = new SendService(_database, _actor, auditLog, new NumberRequestService(_database, _actor, auditLog, _clock),
            new SecureTextOptions { PublicBaseUrl = "https://portal.example" }, _clock, store);
        _service = new IntegrationMessagingService(_database, _actor, send, new TemplateService(_database, _actor, auditLog, _clock), store);
        using var db = _database.CreateDbContext();
        _partner = TestData.AddPartner(db, "northwind");
        _account = TestData.AddAccount(db, _partner, "riverside", null,
            ("default", "Default Location", SmsNumberStatus.Approved, "+16145550100"));
        db.OptOuts.Add(new OptOut { AccountId = _account.Id, Phone = "+16145550166", Keyword = "STOP", OptedOutAt = TestData.Now.AddDays(-1) });
        db.SaveChanges();
        _actor.Current = new Actor(ActorKind.ApiKey, "apikey:1", "vox", PortalRoles.IntegrationApi, _partner.Id, _account.Id);
    }

    public void Dispose() => _database.Dispose();

    // Seed 003's new patient: no date of birth.
    private static PatientTextRequest NewPatient(string content = "Your appointment is tomorrow at 9:00.", string mobile = "+16145550142") =>
        new("PAT-10045", content, null, "Dr. Chen", "Maria", "Lopez", mobile, null, null, null);

    private async Task<(int Patients, int Messages, int AuditEntries)> CountsAsync()
    {
        await using var db = _database.CreateDbContext();
        return (await db.Recipients.CountAsync(), await db.Messages.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private void Change(Action<PartnerPortal.Data.ApplicationDbContext> change)
    {
        using var db = _database.CreateDbContext();
        change(db);
        db.SaveChanges();
    }

    [Fact]
    public async Task SendAsync_NewPatientWithoutDateOfBirth_StoresPatientMessageAndBothAuditEntries()
    {
        var sent = await _service.SendAsync(NewPatient(), CancellationToken.None);

        sent.Succeeded.Should().BeTrue(sent.FirstError?.Message);
        await using var db = _database.CreateDbContext();
        var patient = await db.Recipients.SingleAsync();
        patient.Should().BeEquivalentTo(new { ProviderId = "PAT-10045", FirstName = "Maria", LastName = "Lopez", Mobile = "+16145550142", DateOfBirth = (DateOnly?)null });
        var message = await db.Messages.SingleAsync();
        message.RecipientId.Should().Be(patient.Id);
        message.Provider.Should().Be("Dr. Chen");
        sent.Value!.PatientId.Should().Be(patient.Id);
        (await db.AuditEntries.Select(a => a.Action).ToListAsync()).Should().BeEquivalentTo("recipient.created", "message.queued");
    }

    [Fact]
    public async Task SendAsync_KnownPatientWithoutDateOfBirth_SmsIsSent()
    {
        await _service.SendAsync(NewPatient(), CancellationToken.None);

        var again = await _service.SendAsync(new PatientTextRequest("PAT-10045", "Second text.", null, null, null, null, null, null, null, null),
            CancellationToken.None);

        again.Succeeded.Should().BeTrue(again.FirstError?.Message);
        (await CountsAsync()).Patients.Should().Be(1);
    }

    [Fact]
    public async Task SendAsync_PartnerWithoutSmsApi_Answers4015BeforeValidationAndWritesNothing()
    {
        Change(db => db.Partners.Where(p => p.Id == _partner.Id).ExecuteUpdate(s => s.SetProperty(p => p.SmsApiEnabled, false)));
        var before = await CountsAsync();

        var invalid = await _service.SendAsync(new PatientTextRequest(null, null, null, null, null, null, "bad", null, "yesterday", null), CancellationToken.None);
        var unknownTemplate = await _service.SendAsync(new PatientTextRequest("P-1", null, 0, null, null, null, null, null, null, null), CancellationToken.None);
        var newPatient = await _service.SendAsync(NewPatient(), CancellationToken.None);

        new[] { invalid, unknownTemplate, newPatient }.Should().AllSatisfy(r => r.FirstError!.Code.Should().Be(ResultCodes.ApiNotEnabled));
        (await CountsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task SendAsync_UserWithoutSendPermission_Answers4030BeforeValidation()
    {
        _actor.Current = new Actor(ActorKind.User, "support", "Support", PortalRoles.SupportAgent, _partner.Id, _account.Id);

        var refused = await _service.SendAsync(new PatientTextRequest(null, null, null, null, null, null, null, null, null, null), CancellationToken.None);

        refused.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
        (await CountsAsync()).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task SendAsync_UnknownTemplateForNewPatient_Answers4040AndCreatesNoPatient()
    {
        var refused = await _service.SendAsync(NewPatient() with { Content = null, TemplateId = 0 }, CancellationToken.None);

        refused.FirstError!.Code.Should().Be(ResultCodes.NotFound);
        refused.FirstError.Field.Should().Be("practiceTemplateId");
        (await CountsAsync()).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task SendAsync_BlockedContentForNewPatient_Answers4045AndCreatesNoPatient()
    {
        var refused = await _service.SendAsync(NewPatient("See bit.ly/x for CBD"), CancellationToken.None);

        refused.Errors.Select(e => (e.Code, e.Source)).Should().Equal((ResultCodes.ContentBlocked, "url-shortener"), (ResultCodes.ContentBlocked, "cannabis"));
        (await CountsAsync()).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task SendAsync_OptedOutNumberForNewPatient_Answers4050AndCreatesNoPatient()
    {
        var refused = await _service.SendAsync(NewPatient(mobile: "+16145550166"), CancellationToken.None);

        refused.FirstError!.Code.Should().Be(ResultCodes.OptedOut);
        (await CountsAsync()).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task SendAsync_IncompleteBusinessInfoForNewPatient_Answers4039AndCreatesNoPatient()
    {
        Change(db => db.Accounts.Where(a => a.Id == _account.Id).ExecuteUpdate(s => s.SetProperty(a => a.Address1, (string?)null)));

        var refused = await _service.SendAsync(NewPatient(), CancellationToken.None);

        refused.FirstError!.Code.Should().Be(ResultCodes.BusinessInfoInsufficient);
        (await CountsAsync()).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task SendAsync_PendingNumberForNewPatient_Answers4035AndCreatesNoPatient()
    {
        Change(db => db.SmsNumbers.ExecuteUpdate(s => s.SetProperty(n => n.Status, SmsNumberStatus.Pending)));

        var refused = await _service.SendAsync(NewPatient(), CancellationToken.None);

        refused.FirstError!.Code.Should().Be(ResultCodes.NumberNotVerified);
        (await CountsAsync()).Should().Be((0, 0, 0));
    }

    [Fact]
    public void RecipientRequirements_SecureTextToPatientWithoutDateOfBirth_StillNeedsIt()
    {
        var patient = new RecipientFacts(RecipientKind.Patient, "Maria", "Lopez", null, "+16145550142", null);

        RecipientRequirements.Missing(patient, MessageKind.SmsText, NotifyMethod.Sms, dateOfBirthOptional: true).Should().BeEmpty();
        RecipientRequirements.Missing(patient, MessageKind.SecureText, NotifyMethod.Sms, dateOfBirthOptional: true)
            .Should().Equal(RecipientRequirements.DateOfBirth);
        RecipientRequirements.Missing(patient, MessageKind.SmsText, NotifyMethod.Sms).Should().Equal(RecipientRequirements.DateOfBirth);
    }
}

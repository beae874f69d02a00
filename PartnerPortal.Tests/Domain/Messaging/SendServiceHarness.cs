using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
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

/// <summary>
/// The send pipeline on the production path (<see cref="MessageStore"/>: the group commit, as in the app) over an
/// account with a location of each number status and one patient; shared by the <see cref="SendService"/> tests.
/// </summary>
public abstract class SendServiceHarness : IDisposable
{
    protected readonly TestDatabase _database = new();
    protected readonly TestActor _actor = new();
    protected readonly FixedTimeProvider _clock = new();
    protected readonly SendService _service;
    protected readonly Partner _partner;
    protected readonly Account _account;
    protected readonly int _approved;
    protected readonly int _pending;
    protected readonly int _noNumber;
    protected readonly int _rejected;
    protected readonly int _patient;

    protected SendServiceHarness()
    {
        var auditLog = new AuditLog(_clock);
        _service = new SendService(_database, _actor, auditLog, new NumberRequestService(_database, _actor, auditLog, _clock),
            new SecureTextOptions { PublicBaseUrl = "https://portal.example" }, _clock, new MessageStore(_database, auditLog));
        using var db = _database.CreateDbContext();
        _partner = TestData.AddPartner(db, "northwind");
        _account = TestData.AddAccount(db, _partner, "riverside", null,
            ("default", "Default Location", SmsNumberStatus.Approved, "+16145550100"),
            ("dublin", "Dublin", SmsNumberStatus.Approved, "+12195550114"),
            ("columbus", "Columbus", SmsNumberStatus.Pending, null),
            ("powell", "Powell", SmsNumberStatus.NoNumber, null),
            ("hilliard", "Hilliard", SmsNumberStatus.Rejected, "+16145550199"));
        var rejected = db.SmsNumbers.Single(n => n.Location.ExternalId == "hilliard");
        rejected.RejectionReason = "The website does not match the business name";
        db.SaveChanges();
        int LocationId(string externalId) => db.Locations.Single(l => l.AccountId == _account.Id && l.ExternalId == externalId).Id;
        _approved = LocationId("dublin");
        _pending = LocationId("columbus");
        _noNumber = LocationId("powell");
        _rejected = LocationId("hilliard");
        _patient = AddRecipient(db, RecipientKind.Patient, "Jordan", "Ellis", new DateOnly(1984, 3, 12), "+16145550123", "jordan@example.com");
        _actor.Current = TestActor.PracticeStaff(_partner.Id, _account.Id);
    }

    public void Dispose() => _database.Dispose();

    protected int AddRecipient(ApplicationDbContext db, RecipientKind kind, string? first, string? last, DateOnly? dob, string? mobile, string? email)
    {
        var recipient = new Recipient
        {
            AccountId = _account.Id, Kind = kind, FirstName = first, LastName = last, DateOfBirth = dob, Mobile = mobile, Email = email,
            CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
        };
        db.Recipients.Add(recipient);
        db.SaveChanges();
        return recipient.Id;
    }

    protected SendRequest Request(string content = "Your appointment is tomorrow at 9am.", int? location = -1, int? recipient = -1) => new()
    {
        AccountId = _account.Id,
        LocationId = location == -1 ? _approved : location,
        RecipientId = recipient == -1 ? _patient : recipient,
        Content = content,
    };

    protected void Incomplete()
    {
        using var db = _database.CreateDbContext();
        db.Accounts.Where(a => a.Id == _account.Id).ExecuteUpdate(s => s.SetProperty(a => a.Address1, (string?)null));
    }

    protected void OptOut(string phone, DateTime when)
    {
        using var db = _database.CreateDbContext();
        db.OptOuts.Add(new OptOut { AccountId = _account.Id, Phone = phone, Keyword = "STOP", OptedOutAt = when });
        db.SaveChanges();
    }
}

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

public sealed class SendServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly SendService _service;
    private readonly Partner _partner;
    private readonly Account _account;
    private readonly int _approved;
    private readonly int _pending;
    private readonly int _noNumber;
    private readonly int _rejected;
    private readonly int _patient;

    public SendServiceTests()
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

    private int AddRecipient(ApplicationDbContext db, RecipientKind kind, string? first, string? last, DateOnly? dob, string? mobile, string? email)
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

    private SendRequest Request(string content = "Your appointment is tomorrow at 9am.", int? location = -1, int? recipient = -1) => new()
    {
        AccountId = _account.Id,
        LocationId = location == -1 ? _approved : location,
        RecipientId = recipient == -1 ? _patient : recipient,
        Content = content,
    };

    private void Incomplete()
    {
        using var db = _database.CreateDbContext();
        db.Accounts.Where(a => a.Id == _account.Id).ExecuteUpdate(s => s.SetProperty(a => a.Address1, (string?)null));
    }

    private void OptOut(string phone, DateTime when)
    {
        using var db = _database.CreateDbContext();
        db.OptOuts.Add(new OptOut { AccountId = _account.Id, Phone = phone, Keyword = "STOP", OptedOutAt = when });
        db.SaveChanges();
    }

    [Fact]
    public async Task SendAsync_ApprovedNumber_StoresPendingMessageWithAuditEntryWithoutContent()
    {
        var result = await _service.SendAsync(Request("Hi Jordan, your results are ready."), CancellationToken.None);

        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
        result.Value!.Status.Should().Be(MessageStatus.Pending);
        result.Value.Segments.Should().Be(1);
        result.Value.Encoding.Should().Be("GSM-7");
        using var db = _database.CreateDbContext();
        var message = db.Messages.Single();
        message.Id.Should().Be(result.Value.MessageId);
        message.Status.Should().Be(MessageStatus.Pending);
        message.Content.Should().Be("Hi Jordan, your results are ready.");
        message.SenderNumber.Should().Be("+12195550114");
        message.ToNumber.Should().Be("+16145550123");
        message.RecipientId.Should().Be(_patient);
        message.Kind.Should().Be(MessageKind.SmsText);
        message.CreatedAt.Should().Be(TestData.Now);
        var entry = db.AuditEntries.Single(e => e.Action == "message.queued");
        entry.EntityId.Should().Be(message.Id.ToString());
        entry.AccountId.Should().Be(_account.Id);
        entry.Summary.Should().Contain("Dublin").And.NotContain("results").And.NotContain("Jordan");
        entry.ChangesJson.Should().BeNull();
        (await AuditLog.VerifyAsync(db, CancellationToken.None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task SendAsync_ApiAndPartnerApiNotEnabled_Refused4015BeforeAnythingElse()
    {
        using (var db = _database.CreateDbContext())
        {
            db.Partners.Where(p => p.Id == _partner.Id).ExecuteUpdate(s => s.SetProperty(p => p.SmsApiEnabled, false));
        }

        Incomplete();
        var result = await _service.SendAsync(Request("bit.ly/x", recipient: null) with { ViaApi = true }, CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.ApiNotEnabled);
        result.FirstError.Message.Should().Be("Unauthorized - API not enabled for the request's access rights.");
    }

    [Fact]
    public async Task SendAsync_PatientWithoutDateOfBirth_Refused4000NamingIt()
    {
        int alex;
        using (var db = _database.CreateDbContext())
        {
            alex = AddRecipient(db, RecipientKind.Patient, "Alex", "Morgan", null, "+16145550126", null);
        }

        var result = await _service.SendAsync(Request(recipient: alex), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.ValidationFailed);
        result.FirstError.Field.Should().Be("recipient");
        result.FirstError.Message.Should().Be("Alex Morgan is missing a date of birth.");
    }

    [Fact]
    public async Task SendAsync_ContactWithoutLastNameAndContactDetails_Refused4000NamingBoth()
    {
        int contact;
        using (var db = _database.CreateDbContext())
        {
            contact = AddRecipient(db, RecipientKind.Contact, "Priya", null, null, null, null);
        }

        var result = await _service.SendAsync(Request(recipient: contact), CancellationToken.None);

        result.FirstError!.Message.Should().Be("Priya is missing a last name and a cell phone or email.");
    }

    [Fact]
    public async Task SendAsync_SmsTextToPatientWithEmailOnly_Refused4000AskingForMobile()
    {
        int wei;
        using (var db = _database.CreateDbContext())
        {
            wei = AddRecipient(db, RecipientKind.Patient, "Wei", "Chen", new DateOnly(1975, 11, 30), null, "wei@example.com");
        }

        var result = await _service.SendAsync(Request(recipient: wei), CancellationToken.None);

        result.FirstError!.Message.Should().StartWith("Wei Chen is missing a valid mobile number");
    }

    [Fact]
    public async Task SendAsync_NoRecipient_Refused4000()
    {
        var result = await _service.SendAsync(Request(recipient: null), CancellationToken.None);

        result.FirstError!.Field.Should().Be("recipient");
        result.FirstError.Code.Should().Be(ResultCodes.ValidationFailed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task SendAsync_EmptyContent_Refused4000(string content)
    {
        var result = await _service.SendAsync(Request(content), CancellationToken.None);

        result.FirstError.Should().Be(new Error("Enter a message.", ResultCodes.ValidationFailed, "content"));
    }

    [Fact]
    public async Task SendAsync_MoreThanTenSegments_Refused4000()
    {
        var result = await _service.SendAsync(Request(new string('a', 153 * 10 + 1)), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.ValidationFailed);
        result.FirstError.Message.Should().Contain("11 segments").And.Contain("at most 10");
    }

    [Fact]
    public async Task SendAsync_TenSegments_Stored()
    {
        var result = await _service.SendAsync(Request(new string('a', 153 * 10)), CancellationToken.None);

        result.Value!.Segments.Should().Be(10);
    }

    [Fact]
    public async Task SendAsync_UrlShortener_Refused4045WithTheRule()
    {
        var result = await _service.SendAsync(Request("Book here: bit.ly/x"), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.ContentBlocked);
        result.FirstError.Field.Should().Be("content");
        result.FirstError.Message.Should().Contain("\"bit.ly\"").And.Contain("link shortener");
    }

    [Fact]
    public async Task SendAsync_BlockedContentOptedOutAndIncomplete_ContentRefusalWins()
    {
        OptOut("+16145550123", TestData.Now.AddDays(-3));
        Incomplete();

        var result = await _service.SendAsync(Request("We now offer CBD products"), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.ContentBlocked);
    }

    [Fact]
    public async Task SendAsync_WarningNotConfirmed_RefusedAsNeedingConfirmation()
    {
        var result = await _service.SendAsync(Request("YOUR APPOINTMENT IS TOMORROW AT NINE"), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.ValidationFailed);
        result.FirstError.Field.Should().Be("content");
        result.FirstError.Message.Should().StartWith("This message needs your confirmation before it is sent:")
            .And.Contain("capital letters");
        using var db = _database.CreateDbContext();
        db.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task SendAsync_WarningConfirmed_Stored()
    {
        var result = await _service.SendAsync(Request("YOUR APPOINTMENT IS TOMORROW AT NINE") with { ConfirmedWarnings = true }, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task SendAsync_RecipientOptedOut_Refused4050SayingWhenAndStart()
    {
        OptOut("+16145550123", new DateTime(2026, 3, 3, 15, 0, 0, DateTimeKind.Utc));
        Incomplete();

        var result = await _service.SendAsync(Request(), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.OptedOut);
        result.FirstError.Message.Should().Contain("Jordan Ellis opted out").And.Contain("March 3, 2026")
            .And.Contain("must reply START");
    }

    [Fact]
    public async Task SendAsync_AccountIncomplete_Refused4039WithTheMissingFields()
    {
        Incomplete();

        var result = await _service.SendAsync(Request(location: _pending), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.BusinessInfoInsufficient);
        result.FirstError.Message.Should().Be("On file account business information is insufficient for verification: Street Address.");
        result.Errors.Skip(1).Select(e => (e.Field, e.Source, e.Reason)).Should().Equal(("address1", "account", "missing"));
        result.Errors.Should().OnlyContain(e => e.Code == ResultCodes.BusinessInfoInsufficient);
    }

    [Fact]
    public async Task SendAsync_PendingNumber_Refused4035WithoutAnotherRequest()
    {
        var result = await _service.SendAsync(Request(location: _pending), CancellationToken.None);

        result.FirstError.Should().Be(new Error("SMS number not verified; verification has been requested.", ResultCodes.NumberNotVerified, "location"));
        using var db = _database.CreateDbContext();
        db.VerificationRequests.Should().BeEmpty();
        db.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task SendAsync_FirstSmsFromLocationWithoutNumber_RequestsNumberAndVerificationThenRefuses4035()
    {
        var result = await _service.SendAsync(Request(location: _noNumber), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NumberNotVerified);
        result.FirstError.Message.Should().Be("SMS number not verified; verification has been requested.");
        using var db = _database.CreateDbContext();
        var number = db.SmsNumbers.Single(n => n.LocationId == _noNumber);
        number.Status.Should().Be(SmsNumberStatus.Pending);
        var request = db.VerificationRequests.Single();
        request.AccountId.Should().Be(_account.Id);
        number.VerificationRequestId.Should().Be(request.Id);
        db.AuditEntries.Should().ContainSingle(e => e.Action == "verification.requested");
        db.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task SendAsync_RejectedNumber_Refused4039WithTheReason()
    {
        var result = await _service.SendAsync(Request(location: _rejected), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.BusinessInfoInsufficient);
        result.FirstError.Message.Should().StartWith("On file account business information is insufficient for verification")
            .And.Contain("The website does not match the business name");
    }

    [Fact]
    public async Task SendAsync_DialogWithoutLocation_Refused4000()
    {
        var result = await _service.SendAsync(Request(location: null), CancellationToken.None);

        result.FirstError.Should().Be(new Error("Select an SMS Approved Location to send from.", ResultCodes.ValidationFailed, "location"));
    }

    [Fact]
    public async Task SendAsync_ApiWithoutLocationToBareNumber_SendsFromDefaultLocation()
    {
        var result = await _service.SendAsync(Request(location: null, recipient: null) with
        {
            ViaApi = true, Recipient = new InlineRecipient("+16145550177"),
        }, CancellationToken.None);

        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
        using var db = _database.CreateDbContext();
        var message = db.Messages.Single();
        message.SenderNumber.Should().Be("+16145550100");
        message.ToNumber.Should().Be("+16145550177");
        message.RecipientId.Should().BeNull();
    }

    [Fact]
    public async Task SendAsync_AnotherPartnersAccount_NotFound()
    {
        using (var db = _database.CreateDbContext())
        {
            var other = TestData.AddPartner(db, "contoso");
            _actor.Current = TestActor.PartnerAdmin(other.Id);
        }

        var result = await _service.SendAsync(Request(), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
        using var check = _database.CreateDbContext();
        check.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task SendAsync_StaffOfAnotherAccount_NotFound()
    {
        int otherAccount;
        using (var db = _database.CreateDbContext())
        {
            otherAccount = TestData.AddAccount(db, _partner, "lakeside").Id;
        }

        _actor.Current = TestActor.PracticeStaff(_partner.Id, otherAccount);

        var result = await _service.SendAsync(Request(), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task SendAsync_Operator_Refused4030()
    {
        _actor.Current = TestActor.Operator();

        var result = await _service.SendAsync(Request(), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
    }

    [Fact]
    public async Task SendAsync_RecipientOfAnotherAccount_NotFound()
    {
        int stranger;
        using (var db = _database.CreateDbContext())
        {
            var other = TestData.AddAccount(db, _partner, "lakeside");
            var recipient = new Recipient
            {
                AccountId = other.Id, Kind = RecipientKind.Patient, FirstName = "Sam", LastName = "Lee",
                DateOfBirth = new DateOnly(1990, 1, 1), Mobile = "+16145550150",
            };
            db.Recipients.Add(recipient);
            db.SaveChanges();
            stranger = recipient.Id;
        }

        var result = await _service.SendAsync(Request(recipient: stranger), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task SendAsync_SameIdempotencyKeyAndRequest_AnswersTheFirstMessage()
    {
        var first = await _service.SendAsync(Request() with { IdempotencyKey = "abc" }, CancellationToken.None);
        var second = await _service.SendAsync(Request() with { IdempotencyKey = "abc" }, CancellationToken.None);

        second.Value!.MessageId.Should().Be(first.Value!.MessageId);
        second.Value.Replayed.Should().BeTrue();
        using var db = _database.CreateDbContext();
        db.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task SendAsync_SameIdempotencyKeyOtherRequest_Refused4090()
    {
        await _service.SendAsync(Request() with { IdempotencyKey = "abc" }, CancellationToken.None);
        var second = await _service.SendAsync(Request("Something else") with { IdempotencyKey = "abc" }, CancellationToken.None);

        second.FirstError!.Code.Should().Be(ResultCodes.IdempotencyConflict);
    }

    [Fact]
    public async Task SendAsync_SecureTextBySms_StoresContentAndCountsTheNotice()
    {
        var content = "Your biopsy results are ready: " + new string('x', 200);
        var result = await _service.SendAsync(Request(content) with { Kind = MessageKind.SecureText, NotifyMethod = NotifyMethod.Sms },
            CancellationToken.None);

        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
        using var db = _database.CreateDbContext();
        var message = db.Messages.Single();
        message.Content.Should().Be(content);
        message.NotifyMethod.Should().Be(NotifyMethod.Sms);
        message.SegmentCount.Should().Be(1, "only the generic notice with its link is texted");
        message.SecureLinkExpiresAt.Should().Be(TestData.Now.AddHours(72));
        message.SecureTokenHash.Should().BeNull("the token is issued when the notice is sent");
    }

    [Fact]
    public async Task SendAsync_SecureTextByEmailToPatientWithoutEmail_Refused4000()
    {
        int maria;
        using (var db = _database.CreateDbContext())
        {
            maria = AddRecipient(db, RecipientKind.Patient, "Maria", "Gonzalez", new DateOnly(1990, 7, 4), "+16145550124", null);
        }

        var result = await _service.SendAsync(Request(recipient: maria) with { Kind = MessageKind.SecureText, NotifyMethod = NotifyMethod.Email },
            CancellationToken.None);

        result.FirstError!.Message.Should().Be("Maria Gonzalez is missing a valid email address (the notice is sent by email).");
    }

    [Fact]
    public async Task SendAsync_SecureTextByEmail_IgnoresSmsOptOutAndStoresEmail()
    {
        OptOut("+16145550123", TestData.Now.AddDays(-1));

        var result = await _service.SendAsync(Request() with { Kind = MessageKind.SecureText, NotifyMethod = NotifyMethod.Email },
            CancellationToken.None);

        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
        using var db = _database.CreateDbContext();
        var message = db.Messages.Single();
        message.ToEmail.Should().Be("jordan@example.com");
        message.ToNumber.Should().BeNull();
        message.SegmentCount.Should().Be(0);
    }

    [Fact]
    public void Preview_UnicodeAndShortener_ReportsCounterAndLint()
    {
        var preview = SendService.Preview("Call “now” bit.ly/x");

        preview.Encoding.Should().Be("UCS-2");
        preview.NonGsmCharacters.Should().Equal("“", "”");
        preview.HasSmartCharacters.Should().BeTrue();
        preview.Blocked.Should().ContainSingle(f => f.Rule == "url-shortener");
    }
}

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

/// <summary>DESIGN §4's checks in their order: recipient, content, opt-out, completeness and the sender number.</summary>
public sealed class SendServiceTests : SendServiceHarness
{
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
}

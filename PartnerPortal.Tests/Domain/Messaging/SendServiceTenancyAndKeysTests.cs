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

/// <summary>The send's tenancy, Idempotency-Key replays, Secure Text and the preview.</summary>
public sealed class SendServiceTenancyAndKeysTests : SendServiceHarness
{
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

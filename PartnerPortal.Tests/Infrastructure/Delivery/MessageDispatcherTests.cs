using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Infrastructure.Delivery;

namespace PartnerPortal.Tests.Infrastructure.Delivery;

public sealed class MessageDispatcherTests : MessageDispatcherTestBase
{
    [Fact]
    public async Task DispatchDue_ProviderAccepts_PostsDesignPayloadWithBasicAuthAndMarksSent()
    {
        await ConfigureAsync();
        var id = _h.AddPending(_account.Id, 1, "Your appointment is tomorrow at 9am.", _ => "+16145550123").Single();

        var summary = await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        summary.Should().Be(new DispatchSummary(Claimed: 1, Sent: 1, Failed: 0, Retried: 0, Released: 0));
        var request = _provider.Received.Single();
        using var json = JsonDocument.Parse(request.Body);
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("type", "sender", "to", "retId", "isUnicode", "text", "credits");
        request.Payload.Should().Be(new ProviderMessage("NOTIFICATION", "Riverside", "+16145550123", id.ToString(), false,
            "Your appointment is tomorrow at 9am.", 1));
        request.Authorization.Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("riverside-api:s3cret-pass")));
        var message = _h.Message(id);
        message.Status.Should().Be(MessageStatus.Sent);
        message.SentAt.Should().Be(_h.Now);
        message.Attempts.Should().Be(1);
        message.ClaimedBy.Should().BeNull();
        message.Type.Should().Be(MessageType.Notification);
        _h.Attempts(id).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Number = 1, Result = AttemptResult.Sent, HttpStatus = (int?)200 });
    }

    [Fact]
    public async Task DispatchDue_NoSenderNameUnicodeText_MarketingWithoutSenderWithCredits()
    {
        await ConfigureAsync(senderName: null);
        var id = _h.AddPending(_account.Id, 1, "Merci de votre visite — à bientôt 😊").Single();

        await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        var received = _provider.Received.Single();
        var payload = received.Payload;
        payload.Type.Should().Be("MARKETING");
        // INO CX: no sender ⇒ MARKETING, and the field is left out (never the location's number).
        payload.Sender.Should().BeNull();
        JsonDocument.Parse(received.Body).RootElement.TryGetProperty("sender", out _).Should().BeFalse();
        payload.IsUnicode.Should().BeTrue();
        payload.Credits.Should().Be(1);
        _h.Message(id).Type.Should().Be(MessageType.Marketing);
    }

    [Fact]
    public async Task DispatchDue_Provider400_FailedOnceWithReasonAndNeverRetried()
    {
        await ConfigureAsync();
        var id = _h.AddPending(_account.Id, 1).Single();
        _provider.AnswerWith(400, """{ "reason": "The number is not a mobile number." }""");

        var summary = await _h.NewDispatcher().DispatchDueAsync(_h.Now);
        _h.Clock.Advance(TimeSpan.FromHours(1));
        var later = await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        summary.Failed.Should().Be(1);
        later.Claimed.Should().Be(0);
        _provider.Received.Should().ContainSingle();
        var message = _h.Message(id);
        message.Status.Should().Be(MessageStatus.Failed);
        message.ErrorCode.Should().Be("HTTP_400");
        message.ErrorReason.Should().Be("HTTP 400 The number is not a mobile number.");
        message.FailedAt.Should().NotBeNull();
        _h.Attempts(id).Should().ContainSingle().Which.Result.Should().Be(AttemptResult.Rejected);
    }

    [Fact]
    public async Task DispatchDue_NoSettingsAndNoBuiltInProvider_RetriedWithTheReason()
    {
        var id = _h.AddPending(_account.Id, 1).Single();

        var summary = await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        summary.Retried.Should().Be(1);
        _provider.Received.Should().BeEmpty();
        _h.Attempts(id).Single().Error.Should().Be("No SMS provider is configured for this account: enter its SMS Settings.");
    }

    [Fact]
    public async Task DispatchDue_SecureTextBySms_TextsTheNoticeNeverTheContent()
    {
        await ConfigureAsync();
        var id = AddSecureText(NotifyMethod.Sms);

        await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        var text = _provider.Received.Single().Payload.Text;
        text.Should().StartWith("Riverside Family Medicine sent you a secure message. Open it here: https://portal.example/s/");
        text.Should().NotContain("lab results");
        var message = _h.Message(id);
        message.Status.Should().Be(MessageStatus.Sent);
        message.SecureTokenHash.Should().NotBeNull();
    }

    [Fact]
    public async Task DispatchDue_SecureTextByEmail_EmailsTheNoticeAndMarksSent()
    {
        await ConfigureAsync();
        var id = AddSecureText(NotifyMethod.Email);

        var summary = await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        summary.Sent.Should().Be(1);
        _provider.Received.Should().BeEmpty();
        _h.Emails.Sent.Should().ContainSingle().Which.To.Should().Be("jordan@example.com");
        _h.Emails.Sent[0].Body.Should().NotContain("lab results");
        var message = _h.Message(id);
        message.Status.Should().Be(MessageStatus.Sent);
        message.Attempts.Should().Be(1);
        message.ClaimedBy.Should().BeNull();
        _h.Attempts(id).Single().Result.Should().Be(AttemptResult.Sent);
    }

    [Fact]
    public async Task DispatchDue_SecureTextByBoth_TextsAndEmailsTheSameLink()
    {
        await ConfigureAsync();
        var id = AddSecureText(NotifyMethod.Both);

        await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        var text = _provider.Received.Single().Payload.Text;
        var link = text[text.IndexOf("https://portal.example/s/", StringComparison.Ordinal)..].Split(' ')[0].TrimEnd('.');
        var email = _h.Emails.Sent.Should().ContainSingle().Subject;
        email.To.Should().Be("jordan@example.com");
        email.Body.Should().Contain(link).And.NotContain("lab results");
        _h.Message(id).Status.Should().Be(MessageStatus.Sent);
    }

    private long AddSecureText(NotifyMethod notify)
    {
        using var db = _h.Db();
        var recipient = new Recipient
        {
            AccountId = _account.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis", DateOfBirth = new DateOnly(1984, 3, 12),
            Mobile = "+16145550123", Email = "jordan@example.com", CreatedAt = _h.Now, UpdatedAt = _h.Now,
        };
        db.Recipients.Add(recipient);
        db.SaveChanges();
        var location = db.Locations.First(l => l.AccountId == _account.Id && l.IsDefault);
        var message = new Message
        {
            AccountId = _account.Id, LocationId = location.Id, SenderNumber = "+16145550100", RecipientId = recipient.Id,
            ToNumber = notify != NotifyMethod.Email ? recipient.Mobile : null, ToEmail = notify != NotifyMethod.Sms ? recipient.Email : null,
            Kind = MessageKind.SecureText, NotifyMethod = notify, Type = MessageType.Notification, Content = "Your lab results are normal.",
            Encoding = "GSM-7", SegmentCount = notify != NotifyMethod.Email ? 1 : 0, Status = MessageStatus.Pending, CreatedAt = _h.Now, UpdatedAt = _h.Now,
        };
        db.Messages.Add(message);
        db.SaveChanges();
        return message.Id;
    }
}

using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.SecureText;

public sealed class SecureLinkServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly RecordingEmailSender _email = new();
    private readonly SecureLinkService _service;
    private readonly long _messageId;

    public SecureLinkServiceTests()
    {
        _service = new SecureLinkService(_database, _actor, new AuditLog(_clock), _clock,
            new SecureTextOptions { PublicBaseUrl = "https://portal.example" }, _email, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "riverside");
        var recipient = new Recipient
        {
            AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis",
            DateOfBirth = new DateOnly(1984, 3, 12), Mobile = "+16145550123", Email = "jordan@example.com",
        };
        db.Recipients.Add(recipient);
        db.SaveChanges();
        var message = new Message
        {
            AccountId = account.Id, RecipientId = recipient.Id, Kind = MessageKind.SecureText, NotifyMethod = NotifyMethod.Email,
            ToEmail = "jordan@example.com", Content = "Your lab results are normal.", Encoding = "GSM-7",
            Status = MessageStatus.Pending, CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
            SecureLinkExpiresAt = TestData.Now.AddHours(72),
        };
        db.Messages.Add(message);
        db.SaveChanges();
        _messageId = message.Id;
        _actor.Current = Actor.System("Dispatcher");
    }

    public void Dispose() => _database.Dispose();

    private async Task<string> SendNoticeAsync()
    {
        var notice = await _service.DeliverEmailNoticeAsync(_messageId, CancellationToken.None);
        notice.Succeeded.Should().BeTrue(notice.FirstError?.Message);
        _actor.Current = Actor.Anonymous with { IpAddress = "203.0.113.5" };
        return notice.Value!.Url.Split("/s/")[1];
    }

    [Fact]
    public async Task DeliverEmailNoticeAsync_SendsGenericNoticeWithLinkAndStoresOnlyTheHash()
    {
        var token = await SendNoticeAsync();

        var email = _email.Sent.Should().ContainSingle().Subject;
        email.To.Should().Be("jordan@example.com");
        email.Body.Should().Contain($"https://portal.example/s/{token}").And.NotContain("lab results");
        email.Subject.Should().NotContain("lab results");
        using var db = _database.CreateDbContext();
        var message = db.Messages.Single();
        message.SecureTokenHash.Should().Be(SecureLinkToken.Hash(token)).And.NotContain(token);
        message.Status.Should().Be(MessageStatus.Sent);
        message.SentAt.Should().Be(TestData.Now);
    }

    [Fact]
    public async Task VerifyAsync_MatchingDateOfBirthAndLastName_ShowsMessageAndAuditsView()
    {
        var token = await SendNoticeAsync();

        var result = await _service.VerifyAsync(token, new DateOnly(1984, 3, 12), "  ellis ", CancellationToken.None);

        result.Value!.Content.Should().Be("Your lab results are normal.");
        using var db = _database.CreateDbContext();
        db.Messages.Single().SecureViewedAt.Should().Be(TestData.Now);
        var entry = db.AuditEntries.Single(e => e.Action == "securetext.viewed");
        entry.Summary.Should().NotContain("lab").And.NotContain("Ellis");
        entry.IpAddress.Should().Be("203.0.113.5");
    }

    [Fact]
    public async Task VerifyAsync_ThreeWrongAttempts_LocksTheLink()
    {
        var token = await SendNoticeAsync();

        var first = await _service.VerifyAsync(token, new DateOnly(1984, 3, 13), "Ellis", CancellationToken.None);
        var second = await _service.VerifyAsync(token, new DateOnly(1984, 3, 12), "Elis", CancellationToken.None);
        var third = await _service.VerifyAsync(token, new DateOnly(1990, 1, 1), "Smith", CancellationToken.None);
        var right = await _service.VerifyAsync(token, new DateOnly(1984, 3, 12), "Ellis", CancellationToken.None);

        first.FirstError!.Message.Should().Contain("2 attempts left");
        second.FirstError!.Message.Should().Contain("1 attempt left");
        third.FirstError!.Message.Should().Be(SecureLinkService.LockedMessage);
        right.FirstError!.Message.Should().Be(SecureLinkService.LockedMessage);
        (await _service.GetLinkAsync(token, CancellationToken.None)).State.Should().Be(SecureLinkState.Locked);
        using var db = _database.CreateDbContext();
        db.AuditEntries.Count(e => e.Action == "securetext.verification_failed").Should().Be(2);
        db.AuditEntries.Count(e => e.Action == "securetext.locked").Should().Be(1);
        db.AuditEntries.Where(e => e.Action.StartsWith("securetext")).Should().OnlyContain(e => !e.Summary.Contains("Smith"));
    }

    [Fact]
    public async Task IssueNoticeAsync_Retried_SendsTheSameLinkAndTheFirstStillWorks()
    {
        var first = await _service.IssueNoticeAsync(_messageId, CancellationToken.None);
        var retry = await _service.IssueNoticeAsync(_messageId, CancellationToken.None);
        _actor.Current = Actor.Anonymous with { IpAddress = "203.0.113.5" };

        retry.Value!.Url.Should().Be(first.Value!.Url);
        var opened = await _service.VerifyAsync(first.Value.Url.Split("/s/")[1], new DateOnly(1984, 3, 12), "Ellis", CancellationToken.None);
        opened.Value!.Content.Should().Be("Your lab results are normal.");
        using var db = _database.CreateDbContext();
        db.Messages.Single().SecureTokenProtected.Should().NotBeNull().And.NotContain(first.Value.Url.Split("/s/")[1]);
    }

    [Fact]
    public async Task IssueNoticeAsync_RetriedAfterAFailedGuess_AttemptsKept()
    {
        var first = await _service.IssueNoticeAsync(_messageId, CancellationToken.None);
        _actor.Current = Actor.Anonymous;
        await _service.VerifyAsync(first.Value!.Url.Split("/s/")[1], new DateOnly(1990, 1, 1), "Smith", CancellationToken.None);
        _actor.Current = Actor.System("Dispatcher");

        await _service.IssueNoticeAsync(_messageId, CancellationToken.None);

        (await _service.GetLinkAsync(first.Value.Url.Split("/s/")[1], CancellationToken.None)).AttemptsLeft.Should().Be(2);
    }

    [Fact]
    public async Task VerifyAsync_After72HoursFromSending_Expired()
    {
        var token = await SendNoticeAsync();
        _clock.Advance(TimeSpan.FromHours(72));

        var result = await _service.VerifyAsync(token, new DateOnly(1984, 3, 12), "Ellis", CancellationToken.None);

        result.FirstError!.Message.Should().Be(SecureLinkService.ExpiredMessage);
        (await _service.GetLinkAsync(token, CancellationToken.None)).State.Should().Be(SecureLinkState.Expired);
    }

    [Fact]
    public async Task VerifyAsync_UnknownToken_NotFound()
    {
        var result = await _service.VerifyAsync(SecureLinkToken.Create(), new DateOnly(1984, 3, 12), "Ellis", CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    private sealed class RecordingEmailSender : INoticeEmailSender
    {
        public List<NoticeEmail> Sent { get; } = [];

        public Task SendAsync(NoticeEmail email, CancellationToken cancellationToken)
        {
            Sent.Add(email);
            return Task.CompletedTask;
        }
    }
}

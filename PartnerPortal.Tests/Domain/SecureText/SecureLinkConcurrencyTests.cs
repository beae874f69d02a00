using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.SecureText;

/// <summary>Parallel guesses on a file database (one connection per context, as in the app), so they really race.</summary>
public sealed class SecureLinkConcurrencyTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.FileBacked();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly SecureLinkService _service;
    private readonly string _token = SecureLinkToken.Create();

    public SecureLinkConcurrencyTests()
    {
        _service = new SecureLinkService(_database, _actor, new AuditLog(_clock), _clock,
            new SecureTextOptions { PublicBaseUrl = "https://portal.example" }, new NoEmail(), new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "riverside");
        var recipient = new Recipient
        {
            AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis",
            DateOfBirth = new DateOnly(1984, 3, 12), Mobile = "+16145550123",
        };
        db.Recipients.Add(recipient);
        db.SaveChanges();
        db.Messages.Add(new Message
        {
            AccountId = account.Id, RecipientId = recipient.Id, Kind = MessageKind.SecureText, NotifyMethod = NotifyMethod.Sms,
            Content = "Your lab results are normal.", Encoding = "GSM-7", Status = MessageStatus.Sent,
            CreatedAt = TestData.Now, UpdatedAt = TestData.Now, SentAt = TestData.Now,
            SecureTokenHash = SecureLinkToken.Hash(_token), SecureLinkExpiresAt = TestData.Now.AddHours(72),
        });
        db.SaveChanges();
        _actor.Current = Actor.Anonymous with { IpAddress = "203.0.113.5" };
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task VerifyAsync_FortyParallelWrongGuessesThenTheRightOne_LockedAndContentNeverShown()
    {
        using var start = new ManualResetEventSlim();
        var guesses = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await _service.VerifyAsync(_token, new DateOnly(1990, 1, 1).AddDays(i), "Smith", CancellationToken.None);
        })).ToList();
        start.Set();
        var wrong = await Task.WhenAll(guesses);

        var right = await _service.VerifyAsync(_token, new DateOnly(1984, 3, 12), "Ellis", CancellationToken.None);

        wrong.Should().OnlyContain(r => !r.Succeeded);
        right.Succeeded.Should().BeFalse();
        right.FirstError!.Message.Should().Be(SecureLinkService.LockedMessage);
        (await _service.GetLinkAsync(_token, CancellationToken.None)).State.Should().Be(SecureLinkState.Locked);
        using var db = _database.CreateDbContext();
        db.Messages.Single().SecureViewedAt.Should().BeNull();
        db.Messages.Single().SecureFailedAttempts.Should().Be(SecureTextOptions.MaxAttempts);
        db.AuditEntries.Count(e => e.Action == "securetext.verification_failed" || e.Action == "securetext.locked")
            .Should().Be(SecureTextOptions.MaxAttempts);
        db.AuditEntries.Should().NotContain(e => e.Action == "securetext.viewed");
    }

    [Fact]
    public async Task VerifyAsync_RightGuessAfterOneWrong_ShownAndTheAttemptCountStays()
    {
        await _service.VerifyAsync(_token, new DateOnly(1990, 1, 1), "Smith", CancellationToken.None);

        var first = await _service.VerifyAsync(_token, new DateOnly(1984, 3, 12), "Ellis", CancellationToken.None);
        var again = await _service.VerifyAsync(_token, new DateOnly(1984, 3, 12), "Ellis", CancellationToken.None);

        first.Value!.Content.Should().Be("Your lab results are normal.");
        again.Value!.Content.Should().Be("Your lab results are normal.");
        (await _service.GetLinkAsync(_token, CancellationToken.None)).AttemptsLeft.Should().Be(2);
    }

    private sealed class NoEmail : INoticeEmailSender
    {
        public Task SendAsync(NoticeEmail email, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

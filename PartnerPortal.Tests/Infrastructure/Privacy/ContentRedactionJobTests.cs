using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Privacy;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Infrastructure.Privacy;
using PartnerPortal.Tests.Domain.Reports;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Privacy;

public sealed class ContentRedactionJobTests : IDisposable
{
    private static readonly DateTime Now = TestData.Now;

    private readonly TestDatabase _database = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly ContentRedactionJob _job;
    private readonly int _northwindId;
    private readonly int _contosoId;
    private readonly Account _riverside;
    private readonly Account _contosoMain;

    public ContentRedactionJobTests()
    {
        _job = new ContentRedactionJob(_database, new AuditLog(_clock), _clock, Options.Create(new PrivacyOptions()),
            NullLogger<ContentRedactionJob>.Instance);
        using var db = _database.CreateDbContext();
        var northwind = TestData.AddPartner(db, "northwind");
        var contoso = TestData.AddPartner(db, "contoso");
        _northwindId = northwind.Id;
        _contosoId = contoso.Id;
        _riverside = TestData.AddAccount(db, northwind, "riverside");
        _contosoMain = TestData.AddAccount(db, contoso, "contoso-main");
        // Northwind keeps the default 90 days; Contoso 30.
        db.PhiDirectives.Add(new PhiDirective { PartnerId = contoso.Id, ContentRetentionDays = 30, UpdatedAt = Now, UpdatedBy = "Test" });
        db.SaveChanges();
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task RunOnceAsync_PatientRepliesOlderThanRetention_TextRedacted()
    {
        using (var db = _database.CreateDbContext())
        {
            db.InboundMessages.AddRange(
                new PartnerPortal.Domain.Delivery.InboundMessage
                {
                    AccountId = _riverside.Id, FromNumber = "+16145550123", Text = "My rash is worse", ProviderMessageId = "in-1", ReceivedAt = Now.AddDays(-100),
                },
                new PartnerPortal.Domain.Delivery.InboundMessage
                {
                    AccountId = _riverside.Id, FromNumber = "+16145550123", Text = "See you tomorrow", ProviderMessageId = "in-2", ReceivedAt = Now.AddDays(-1),
                });
            db.SaveChanges();
        }

        await _job.RunOnceAsync(Now);

        using var check = _database.CreateDbContext();
        check.InboundMessages.OrderBy(m => m.ProviderMessageId).Select(m => m.Text).ToList()
            .Should().Equal(PhiDirective.RedactedContent, "See you tomorrow");
    }

    [Fact]
    public async Task RunOnceAsync_StoredApiAnswersOlderThanADay_AreDeleted()
    {
        using (var db = _database.CreateDbContext())
        {
            var key = new PartnerPortal.Domain.ApiKeys.ApiKey
            {
                PartnerId = _northwindId, Scope = PartnerPortal.Domain.ApiKeys.ApiKeyScope.Partner, Name = "k", Prefix = "pk_x", Hash = "h", CreatedBy = "t",
            };
            db.ApiKeys.Add(key);
            db.SaveChanges();
            db.IdempotencyRecords.AddRange(
                new PartnerPortal.Domain.ApiKeys.IdempotencyRecord { ApiKeyId = key.Id, Key = "old", RequestHash = "x", ResponseBody = "{\"content\":\"PHI\"}", CreatedAt = Now.AddHours(-25) },
                new PartnerPortal.Domain.ApiKeys.IdempotencyRecord { ApiKeyId = key.Id, Key = "new", RequestHash = "y", ResponseBody = "{}", CreatedAt = Now.AddHours(-1) });
            db.SaveChanges();
        }

        await _job.RunOnceAsync(Now);

        using var check = _database.CreateDbContext();
        check.IdempotencyRecords.Select(r => r.Key).Should().BeEquivalentTo(["new"]);
    }

    private long AddMessage(Account account, int daysAgo, MessageStatus status = MessageStatus.Delivered, int segments = 2, string content = "Your lab results are normal.")
    {
        using var db = _database.CreateDbContext();
        var message = ReportTestData.Message(account, Now.AddDays(-daysAgo), status, segments, sent: status != MessageStatus.Pending, content: content);
        db.Messages.Add(message);
        db.SaveChanges();
        return message.Id;
    }

    private Message Load(long id)
    {
        using var db = _database.CreateDbContext();
        return db.Messages.AsNoTracking().Single(m => m.Id == id);
    }

    [Fact]
    public async Task RunOnceAsync_OlderThanRetention_ContentGoneFiguresKept()
    {
        var id = AddMessage(_riverside, daysAgo: 100, MessageStatus.Failed, segments: 3);
        var before = Load(id);

        await _job.RunOnceAsync(Now);

        var after = Load(id);
        after.Content.Should().Be(PhiDirective.RedactedContent);
        after.ContentRedactedAt.Should().Be(Now);
        after.Should().BeEquivalentTo(before, options => options
            .Excluding(m => m.Content).Excluding(m => m.ContentRedactedAt).Excluding(m => m.Account).Excluding(m => m.Location).Excluding(m => m.Recipient));
    }

    [Fact]
    public async Task RunOnceAsync_NewerMessagesAndPending_Untouched()
    {
        var newer = AddMessage(_riverside, daysAgo: 89);
        var pending = AddMessage(_riverside, daysAgo: 120, MessageStatus.Pending);

        await _job.RunOnceAsync(Now);

        Load(newer).Content.Should().Be("Your lab results are normal.");
        Load(newer).ContentRedactedAt.Should().BeNull();
        Load(pending).Content.Should().Be("Your lab results are normal.", "a pending message's content is still to be sent");
    }

    [Fact]
    public async Task RunOnceAsync_EachPartnersOwnRetention()
    {
        var northwind40 = AddMessage(_riverside, daysAgo: 40);
        var contoso40 = AddMessage(_contosoMain, daysAgo: 40);
        var contoso20 = AddMessage(_contosoMain, daysAgo: 20);

        var results = await _job.RunOnceAsync(Now);

        Load(northwind40).ContentRedactedAt.Should().BeNull("Northwind keeps content for 90 days");
        Load(contoso40).Content.Should().Be(PhiDirective.RedactedContent);
        Load(contoso20).ContentRedactedAt.Should().BeNull();
        results.Should().BeEquivalentTo(new[]
        {
            new PartnerRedaction(_northwindId, 90, Now.AddDays(-90), 0),
            new PartnerRedaction(_contosoId, 30, Now.AddDays(-30), 1),
        });
    }

    [Fact]
    public async Task RunOnceAsync_OneAuditEntryPerPartnerWithTheCount()
    {
        AddMessage(_riverside, daysAgo: 100);
        AddMessage(_riverside, daysAgo: 200);
        AddMessage(_riverside, daysAgo: 10);
        AddMessage(_contosoMain, daysAgo: 31);

        await _job.RunOnceAsync(Now);

        using var db = _database.CreateDbContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Action == ContentRedactionJob.AuditAction).OrderBy(e => e.PartnerId).ToListAsync();
        entries.Select(e => (e.PartnerId, e.Summary)).Should().Equal(
            (_northwindId, "Content of 2 messages older than 90 days redacted"),
            (_contosoId, "Content of 1 message older than 30 days redacted"));
        entries.Should().OnlyContain(e => e.ActorKind == ActorKind.System && e.ActorName == "PHI Directive");
        entries.Should().OnlyContain(e => !e.Summary.Contains("lab results"));
        (await AuditLog.VerifyAsync(db, CancellationToken.None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task RunOnceAsync_SecondRun_RedactsNothingAgain()
    {
        var id = AddMessage(_riverside, daysAgo: 100);
        await _job.RunOnceAsync(Now);
        _clock.Advance(TimeSpan.FromDays(1));

        var second = await _job.RunOnceAsync(Now.AddDays(1));

        second.Sum(r => r.Redacted).Should().Be(0);
        Load(id).ContentRedactedAt.Should().Be(Now, "the first redaction time stays");
    }

    [Fact]
    public async Task RunOnceAsync_RedactedSecureText_LinkSaysNoLongerAvailable()
    {
        const string token = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        long id;
        using (var db = _database.CreateDbContext())
        {
            var recipient = new Recipient
            {
                AccountId = _contosoMain.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis",
                DateOfBirth = new DateOnly(1984, 3, 12), Mobile = "+16145550123",
            };
            db.Recipients.Add(recipient);
            db.SaveChanges();
            var message = ReportTestData.Message(_contosoMain, Now.AddDays(-2), MessageStatus.Sent, 1, content: "Your biopsy results are ready.");
            message.Kind = MessageKind.SecureText;
            message.RecipientId = recipient.Id;
            message.SecureTokenHash = SecureLinkToken.Hash(token);
            message.SecureLinkExpiresAt = Now.AddDays(1);
            db.Messages.Add(message);
            db.PhiDirectives.Single(d => d.PartnerId == _contosoId).ContentRetentionDays = 1;
            db.SaveChanges();
            id = message.Id;
        }

        SecureLinkToken.IsWellFormed(token).Should().BeTrue();
        await _job.RunOnceAsync(Now);
        var links = new SecureLinkService(_database, new TestActor(), new AuditLog(_clock), _clock, new SecureTextOptions(), new NoEmail(), new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());

        var info = await links.GetLinkAsync(token, CancellationToken.None);
        var verify = await links.VerifyAsync(token, new DateOnly(1984, 3, 12), "Ellis", CancellationToken.None);

        Load(id).Content.Should().Be(PhiDirective.RedactedContent);
        info.State.Should().Be(SecureLinkState.Redacted);
        verify.Succeeded.Should().BeFalse();
        verify.FirstError!.Message.Should().Be(SecureLinkService.RedactedMessage);
    }

    [Theory]
    [InlineData("2026-11-25T02:00:00", "2026-11-25T03:00:00")]
    [InlineData("2026-11-25T03:00:00", "2026-11-26T03:00:00")]
    [InlineData("2026-11-25T22:30:00", "2026-11-26T03:00:00")]
    public void NextRunAfter_DefaultTime_NextThreeOClock(string now, string expected) =>
        ContentRedactionJob.NextRunAfter(DateTime.Parse(now, null, System.Globalization.DateTimeStyles.RoundtripKind), new PrivacyOptions().RedactionTimeUtc)
            .Should().Be(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.RoundtripKind));

    private sealed class NoEmail : INoticeEmailSender
    {
        public Task SendAsync(NoticeEmail email, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

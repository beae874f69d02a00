using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Privacy;
using PartnerPortal.Infrastructure.Privacy;
using PartnerPortal.Tests.Domain.Reports;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Privacy;

/// <summary>Issue 15: provider error text is redacted too, a missed daily run is caught up at start-up, and big runs go in chunks.</summary>
public sealed class ContentRedactionHardeningTests : IDisposable
{
    private static readonly DateTime Now = TestData.Now;

    private readonly TestDatabase _database = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly ContentRedactionJob _job;
    private readonly Account _riverside;

    public ContentRedactionHardeningTests()
    {
        _job = new ContentRedactionJob(_database, new AuditLog(_clock), _clock, Options.Create(new PrivacyOptions()), NullLogger<ContentRedactionJob>.Instance);
        using var db = _database.CreateDbContext();
        _riverside = TestData.AddAccount(db, TestData.AddPartner(db, "northwind"), "riverside");
    }

    public void Dispose() => _database.Dispose();

    private List<long> AddFailed(int count, int daysAgo)
    {
        using var db = _database.CreateDbContext();
        var messages = Enumerable.Range(0, count).Select(_ =>
        {
            var message = ReportTestData.Message(_riverside, Now.AddDays(-daysAgo), MessageStatus.Failed, 1, sent: true, content: "Your lab results are normal.");
            message.ErrorCode = "HTTP_400";
            message.ErrorReason = "HTTP 400 Invalid text 'Your lab results are normal.'";
            return message;
        }).ToList();
        db.Messages.AddRange(messages);
        db.SaveChanges();
        db.MessageAttempts.AddRange(messages.Select(m => new MessageAttempt
        {
            MessageId = m.Id, Number = 1, StartedAt = m.CreatedAt, Result = AttemptResult.Rejected, HttpStatus = 400, Error = m.ErrorReason,
        }));
        db.SaveChanges();
        return messages.Select(m => m.Id).ToList();
    }

    [Fact]
    public async Task RunOnceAsync_ProviderErrorTextOfOldMessages_Redacted()
    {
        var id = AddFailed(1, daysAgo: 100).Single();

        await _job.RunOnceAsync(Now);

        using var db = _database.CreateDbContext();
        var message = db.Messages.AsNoTracking().Single(m => m.Id == id);
        message.ErrorReason.Should().Be(PhiDirective.RedactedContent);
        message.ErrorCode.Should().Be("HTTP_400", "the code is a figure, not content");
        db.MessageAttempts.AsNoTracking().Single(a => a.MessageId == id).Error.Should().Be(PhiDirective.RedactedContent);
    }

    [Fact]
    public async Task IsOverdueAsync_NeverRunOrLastRunOverADayAgo_True()
    {
        var neverRun = await _job.IsOverdueAsync(Now);
        await _job.RunOnceAsync(Now);
        var anHourLater = await _job.IsOverdueAsync(Now.AddHours(1));
        var aDayAndAnHourLater = await _job.IsOverdueAsync(Now.AddHours(25));

        neverRun.Should().BeTrue();
        anHourLater.Should().BeFalse();
        aDayAndAnHourLater.Should().BeTrue();
    }

    [Fact]
    public async Task RunOnceAsync_MoreThanAChunk_EachChunkItsOwnTransactionAndEntry()
    {
        AddFailed(ContentRedactionJob.ChunkSize + 3, daysAgo: 100);

        var results = await _job.RunOnceAsync(Now);

        results.Single().Redacted.Should().Be(ContentRedactionJob.ChunkSize + 3);
        using var db = _database.CreateDbContext();
        db.Messages.Count(m => m.Content != PhiDirective.RedactedContent).Should().Be(0);
        db.AuditEntries.AsNoTracking().Where(e => e.Action == ContentRedactionJob.AuditAction).OrderBy(e => e.Id).Select(e => e.Summary).ToList()
            .Should().Equal("Content of 5,000 messages older than 90 days redacted", "Content of 3 messages older than 90 days redacted");
    }
}

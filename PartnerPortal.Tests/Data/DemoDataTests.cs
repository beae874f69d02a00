using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Data;

/// <summary>The Development demo data on a fresh database: the Inbox has queues with replies in them, and Send From keeps seed 000's states.</summary>
public sealed class DemoDataTests(DemoDataTests.AppFixture fixture) : IClassFixture<DemoDataTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    private async Task<ApplicationDbContext> DbAsync()
    {
        _ = fixture.Server; // starts the app: migrations and demo data
        return await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
    }

    [Fact]
    public async Task DemoData_RiversideAndContoso_HaveQueues()
    {
        await using var db = await DbAsync();

        var queues = await db.Locations.AsNoTracking().Where(l => l.Kind == LocationKind.Queue)
            .OrderBy(l => l.AccountId).ThenBy(l => l.SortOrder)
            .Select(l => new { Account = l.Account.ExternalId, l.Name, HasNumber = l.SmsNumber != null }).ToListAsync();

        queues.Select(q => (q.Account, q.Name)).Should().Equal(("riverside", "Billing"), ("riverside", "Refills"), ("contoso-main", "Front Desk"));
        queues.Should().OnlyContain(q => !q.HasNumber);
    }

    [Fact]
    public async Task DemoData_Riverside_HasUnreadRepliesInEachQueueAndOneOutside()
    {
        await using var db = await DbAsync();

        var riverside = await db.Accounts.AsNoTracking().Where(a => a.ExternalId == "riverside").Select(a => a.Id).SingleAsync();
        var threads = await db.InboxThreads.AsNoTracking().Where(t => t.AccountId == riverside)
            .Select(t => new { t.Phone, Queue = db.Locations.Where(l => l.Id == t.QueueLocationId).Select(l => l.Name).FirstOrDefault(), t.IsUnread, t.ReplyCount })
            .OrderBy(t => t.Phone).ToListAsync();

        threads.Select(t => (t.Phone, t.Queue)).Should().Equal(("+16145550123", "Billing"), ("+16145550124", null), ("+16145550126", "Refills"));
        threads.Should().OnlyContain(t => t.IsUnread && t.ReplyCount == 1);
        var staff = await db.Users.AsNoTracking().Where(u => u.Email == "staff@riverside.test").Select(u => u.Id).SingleAsync();
        (await db.Notifications.AsNoTracking().CountAsync(n => n.UserId == staff && n.Kind == PartnerPortal.Domain.Notifications.NotificationKind.ReplyReceived))
            .Should().Be(3);
    }

    [Fact]
    public async Task DemoData_RiversideSendFrom_KeepsSeed000States()
    {
        await using var db = await DbAsync();

        var states = await db.Locations.AsNoTracking().Where(l => l.Account.ExternalId == "riverside" && l.Kind == LocationKind.Location)
            .OrderBy(l => l.SortOrder)
            .Select(l => new { l.ExternalId, Status = l.SmsNumber == null ? SmsNumberStatus.NoNumber : l.SmsNumber.Status })
            .ToListAsync();

        states.Select(s => (s.ExternalId, s.Status)).Should().Equal(
            ("default", SmsNumberStatus.Approved), ("ann-arbor", SmsNumberStatus.Approved), ("columbus", SmsNumberStatus.Pending),
            ("dublin", SmsNumberStatus.Approved), ("powell", SmsNumberStatus.NoNumber), ("worthington", SmsNumberStatus.Approved));
    }
}

using PartnerPortal.Domain.Notifications;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Inbox;

/// <summary>Who is told what: by role and scope, stored, live for open tabs, and never PHI for an Operator.</summary>
public sealed class NotificationFanOutTests : IDisposable
{
    private readonly InboxHarness _h = new();
    private readonly string _staff;
    private readonly string _otherAccountStaff;
    private readonly string _admin;
    private readonly string _support;
    private readonly string _otherPartnerAdmin;
    private readonly string _operator;
    private readonly string _disabledStaff;

    public NotificationFanOutTests()
    {
        int otherAccount, otherPartner;
        using (var db = _h.Db())
        {
            otherAccount = TestData.AddAccount(db, _h.Partner, "lakeside").Id;
            otherPartner = TestData.AddPartner(db, "contoso").Id;
        }

        _staff = _h.AddUser(PortalRoles.PracticeStaff, _h.Partner.Id, _h.Account.Id);
        _otherAccountStaff = _h.AddUser(PortalRoles.PracticeStaff, _h.Partner.Id, otherAccount);
        _admin = _h.AddUser(PortalRoles.PartnerAdmin, _h.Partner.Id, null);
        _support = _h.AddUser(PortalRoles.SupportAgent, _h.Partner.Id, null);
        _otherPartnerAdmin = _h.AddUser(PortalRoles.PartnerAdmin, otherPartner, null);
        _operator = _h.AddUser(PortalRoles.Operator, null, null);
        _disabledStaff = _h.AddUser(PortalRoles.PracticeStaff, _h.Partner.Id, _h.Account.Id, disabled: true);
    }

    public void Dispose() => _h.Dispose();

    private string[] Everyone => [_staff, _otherAccountStaff, _admin, _support, _otherPartnerAdmin, _operator, _disabledStaff];

    private string[] Notified() => Everyone.Where(u => _h.NotificationsOf(u).Count > 0).ToArray();

    [Fact]
    public async Task Reply_NotifiesOnlyTheAccountsEnabledStaff_OncePerUnreadThread()
    {
        await _h.SendAsync(_h.Default);
        await _h.ReceiveAsync("Can I come at 10 instead?");
        await _h.ReceiveAsync("Or 11?");

        Notified().Should().Equal(_staff);
        var notification = _h.NotificationsOf(_staff).Should().ContainSingle().Subject;
        notification.Kind.Should().Be(NotificationKind.ReplyReceived);
        notification.Text.Should().Be("New reply in the Inbox of Riverside Family Medicine");
        notification.Link.Should().Be($"/accounts/{_h.Account.Id}/inbox?thread={_h.Threads().Single().Id}");
    }

    [Fact]
    public async Task AddAsync_MessageKindsForOperators_AreNeverStored()
    {
        foreach (var kind in new[] { NotificationKind.ReplyReceived, NotificationKind.MessageFailed, NotificationKind.OptOutToReview, NotificationKind.NumberApproved })
        {
            await _h.Notifications.PublishAsync(kind, _h.Account.Id, "/messages/1", NotificationAudience.Operators | NotificationAudience.PartnerAdmins,
                CancellationToken.None);
        }

        _h.NotificationsOf(_operator).Should().BeEmpty();
        _h.NotificationsOf(_admin).Should().HaveCount(4);
    }

    [Fact]
    public async Task VerificationRequested_ReachesOperators_WithoutPatientData()
    {
        using (var db = _h.Db())
        {
            TestData.AddAccount(db, _h.Partner, "maple");
        }

        int maple;
        using (var db = _h.Db())
        {
            maple = db.Accounts.Single(a => a.ExternalId == "maple").Id;
        }

        _h.Actor.Current = TestActor.PartnerAdmin(_h.Partner.Id);
        (await _h.NumberRequests.RequestAsync(maple, null, CancellationToken.None)).Succeeded.Should().BeTrue();

        Notified().Should().Equal(_operator);
        _h.NotificationsOf(_operator).Should().ContainSingle().Which.Should().Match<Notification>(n =>
            n.Kind == NotificationKind.VerificationRequested && n.Text == "Verification requested for maple Clinic"
            && n.Link == "/account-verification?status=Pending");
    }

    [Fact]
    public async Task FailedMessage_NotifiesTheAccountStaff_ThroughTheOutboxRelay()
    {
        var id = await _h.SendAsync(_h.Default);
        await _h.Callbacks.ApplyStatusAsync(_h.Account.Id, id, PartnerPortal.Domain.Messaging.MessageStatus.Failed, "Unknown subscriber", CancellationToken.None);

        await _h.Relay.RelayAsync();

        Notified().Should().Equal(_staff);
        _h.NotificationsOf(_staff).Single().Should().Match<Notification>(n => n.Kind == NotificationKind.MessageFailed && n.Link == $"/messages/{id}"
            && !n.Text.Contains(InboxHarness.Jordan));
    }

    [Fact]
    public async Task Bell_OpenMarksReadAndAnnouncesLive_AndADisposedListenerIsGone()
    {
        var first = new TaskCompletionSource<LiveUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = _h.Live.Subscribe(_staff, null, update =>
        {
            first.TrySetResult(update);
            return Task.CompletedTask;
        });
        await _h.SendAsync(_h.Default);
        await _h.ReceiveAsync("Thanks!");

        (await first.Task.WaitAsync(TimeSpan.FromSeconds(10))).UserId.Should().Be(_staff);
        _h.Actor.Current = InboxHarness.StaffUser(_staff, _h.Partner.Id, _h.Account.Id);
        var bell = await _h.Bell.ListAsync(CancellationToken.None);
        bell.Unread.Should().Be(1);
        var opened = await _h.Bell.OpenAsync(bell.Items[0].Id, CancellationToken.None);

        opened.Value.Should().StartWith($"/accounts/{_h.Account.Id}/inbox");
        (await _h.Bell.ListAsync(CancellationToken.None)).Unread.Should().Be(0);
        _h.Actor.Current = InboxHarness.StaffUser(_otherAccountStaff, _h.Partner.Id, _h.Account.Id);
        (await _h.Bell.OpenAsync(bell.Items[0].Id, CancellationToken.None)).Succeeded.Should().BeFalse();
        listener.Dispose();
        _h.Live.ListenerCount.Should().Be(0);
    }
}

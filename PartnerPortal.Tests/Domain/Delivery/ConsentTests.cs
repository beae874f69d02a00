using PartnerPortal.Data;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Tests.Infrastructure.Delivery;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Delivery;

/// <summary>
/// Consent and timing end to end over the real services: signed inbound replies read by intent, the Opt-out review,
/// quiet hours and scheduled texts with the dispatcher against a provider on 127.0.0.1, on a hand-moved clock
/// (TestData.Now, 12:00 UTC, is 7:00 in Ohio: inside quiet hours).
/// </summary>
public sealed class ConsentTests : IAsyncLifetime
{
    private const string Jordan = "+16145550123";
    private StubProvider _provider = null!;
    private DeliveryHarness _h = null!;
    private Partner _partner = null!;
    private Account _account = null!;
    private SendService _send = null!;
    private OptOutReviewService _reviews = null!;
    private ScheduledTextService _scheduled = null!;
    private int _recipientId;
    private string _secret = "";
    private int _inboundIds;

    public async Task InitializeAsync()
    {
        _provider = await StubProvider.StartAsync();
        _h = new DeliveryHarness(_provider.Certificate);
        (_partner, _account) = _h.AddAccount();
        _send = new SendService(_h.Database, _h.Actor, _h.AuditLog, new NumberRequestService(_h.Database, _h.Actor, _h.AuditLog, _h.Clock),
            new SecureTextOptions { PublicBaseUrl = "https://portal.example" }, _h.Clock, new MessageStore(_h.Database, _h.AuditLog));
        _reviews = new OptOutReviewService(_h.Database, _h.Actor, _h.AuditLog, _h.Clock);
        _scheduled = new ScheduledTextService(_h.Database, _h.Actor, _h.AuditLog, _h.Clock);
        using (var db = _h.Db())
        {
            var recipient = new Recipient
            {
                AccountId = _account.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis",
                DateOfBirth = new DateOnly(1984, 3, 12), Mobile = Jordan, CreatedAt = _h.Now, UpdatedAt = _h.Now,
            };
            db.Recipients.Add(recipient);
            db.SaveChanges();
            _recipientId = recipient.Id;
        }

        await _h.ConfigureAsync(_partner, _account.Id, _provider.Url);
        _h.Actor.Current = TestActor.PartnerAdmin(_partner.Id);
        _secret = (await _h.Settings.GetAsync(_account.Id, CancellationToken.None)).Value!.CallbackSecret;
        _h.Actor.Current = TestActor.PracticeStaff(_partner.Id, _account.Id);
    }

    public async Task DisposeAsync()
    {
        _h.Dispose();
        await _provider.DisposeAsync();
    }

    private async Task<InboundAction> ReceiveAsync(string text, string from = Jordan)
    {
        var json = JsonSerializer.Serialize(new { id = $"in-{++_inboundIds}", from, to = "+12195550114", text });
        var timestamp = CallbackSignature.ToUnixSeconds(_h.Now);
        var answer = await _h.Callbacks.HandleInboundAsync(
            new ProviderCallbackRequest(_account.Id.ToString(), timestamp.ToString(), CallbackSignature.Sign(_secret, timestamp, json), json),
            CancellationToken.None);
        answer.Succeeded.Should().BeTrue(answer.FirstError?.Message);
        return answer.Value!.Outcome.Action;
    }

    private Task<Result<SendOutcome>> SendToJordanAsync(DateTime? sendAt = null) => _send.SendAsync(new SendRequest
    {
        AccountId = _account.Id, LocationId = DefaultLocationId(), RecipientId = _recipientId, Content = "Your appointment is tomorrow at 9am.",
        SendAt = sendAt,
    }, CancellationToken.None);

    private int DefaultLocationId()
    {
        using var db = _h.Db();
        return db.Locations.Single(l => l.AccountId == _account.Id && l.IsDefault).Id;
    }

    private void QuietHoursOn()
    {
        using var db = _h.Db();
        db.Accounts.Where(a => a.Id == _account.Id).ExecuteUpdate(s => s.SetProperty(a => a.QuietHoursDisabled, false));
    }

    private List<string> AuditActions()
    {
        using var db = _h.Db();
        return db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Action).ToList();
    }

    [Fact]
    public async Task IntentReply_OptsOutAsStopWithItsRule_NextSendRefused4050()
    {
        var answer = await ReceiveAsync("Please stop texting me!! 😡");
        var refused = await SendToJordanAsync();

        answer.Should().Be(InboundAction.OptOut);
        refused.FirstError!.Code.Should().Be(ResultCodes.OptedOut);
        refused.FirstError.Message.Should().Contain("asked by reply to stop texts").And.Contain("must reply START");
        using var db = _h.Db();
        db.OptOuts.Single().Should().BeEquivalentTo(new { Phone = Jordan, Keyword = OptOut.ByIntent, Reason = "\"stop\" + texts" });
        db.Messages.Where(m => m.ToNumber == Jordan).Select(m => m.Content).Should().Equal(InboundService.OptOutReply("Riverside Family Medicine"));
        AuditActions().Should().Contain("recipient.opted_out");
    }

    [Fact]
    public async Task MightMeanStop_NotActedOn_WaitsInTheReview()
    {
        var answer = await ReceiveAsync("stop calling me at work");
        var sent = await SendToJordanAsync();
        var listed = await _reviews.ListAsync(_account.Id, includeDecided: false, CancellationToken.None);

        answer.Should().Be(InboundAction.Review);
        sent.Succeeded.Should().BeTrue(sent.FirstError?.Message);
        listed.Value.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Phone = Jordan, RecipientName = "Jordan Ellis", Text = "stop calling me at work", Status = OptOutReviewStatus.Open,
        });
        AuditActions().Should().Contain("optout_review.raised");
    }

    [Fact]
    public async Task ReviewConfirm_OptsOutAsStop_NextSendRefused()
    {
        await ReceiveAsync("not interested");
        var review = (await _reviews.ListAsync(_account.Id, false, CancellationToken.None)).Value!.Single();

        var confirmed = await _reviews.ConfirmAsync(review.Id, CancellationToken.None);
        var refused = await SendToJordanAsync();

        confirmed.Succeeded.Should().BeTrue(confirmed.FirstError?.Message);
        refused.FirstError!.Code.Should().Be(ResultCodes.OptedOut);
        using var db = _h.Db();
        db.OptOuts.Single().Keyword.Should().Be(OptOut.ByReview);
        db.OptOuts.Single().Reason.Should().Contain("Confirmed by").And.Contain("not interested");
        db.OptOutReviews.Single().Status.Should().Be(OptOutReviewStatus.Confirmed);
        db.Messages.Where(m => m.ToNumber == Jordan).Select(m => m.Content).Should().Equal(InboundService.OptOutReply("Riverside Family Medicine"));
        AuditActions().Should().Contain("recipient.opted_out");
        (await _reviews.ListAsync(_account.Id, false, CancellationToken.None)).Value.Should().BeEmpty();
    }

    [Fact]
    public async Task ReviewDismiss_KeepsTexting_Audited()
    {
        await ReceiveAsync("wrong number");
        var review = (await _reviews.ListAsync(_account.Id, false, CancellationToken.None)).Value!.Single();

        var dismissed = await _reviews.DismissAsync(review.Id, CancellationToken.None);
        var sent = await SendToJordanAsync();

        dismissed.Succeeded.Should().BeTrue();
        sent.Succeeded.Should().BeTrue();
        using var db = _h.Db();
        db.OptOuts.Should().BeEmpty();
        db.OptOutReviews.Single().Should().BeEquivalentTo(new { Status = OptOutReviewStatus.Dismissed, DecidedAt = (DateTime?)_h.Now });
        AuditActions().Should().Contain("optout_review.dismissed");
    }

    [Fact]
    public async Task ReviewConfirm_SupportAgent_Refused4030()
    {
        await ReceiveAsync("not interested");
        _h.Actor.Current = TestActor.SupportAgent(_partner.Id);
        var review = (await _reviews.ListAsync(_account.Id, false, CancellationToken.None)).Value!.Single();

        var refused = await _reviews.ConfirmAsync(review.Id, CancellationToken.None);

        refused.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
        using var db = _h.Db();
        db.OptOuts.Should().BeEmpty();
    }

    [Fact]
    public async Task QuietHours_TextAt7InOhio_ScheduledFor8AndDispatchedThenNotBefore()
    {
        QuietHoursOn();

        var sent = await SendToJordanAsync();
        var early = await _h.NewDispatcher().DispatchDueAsync(_h.Now);
        _h.Clock.Advance(TimeSpan.FromMinutes(59));
        var stillEarly = await _h.NewDispatcher().DispatchDueAsync(_h.Now);
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        var due = await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        sent.Value!.ScheduledFor.Should().Be(TestData.Now.AddHours(1), "8:00 EST is 13:00 UTC");
        sent.Value.Status.Should().Be(MessageStatus.Pending);
        early.Claimed.Should().Be(0);
        stillEarly.Claimed.Should().Be(0);
        due.Sent.Should().Be(1);
        _h.Message(sent.Value.MessageId).Status.Should().Be(MessageStatus.Sent);
        _provider.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task SendLater_DispatchedAtItsTime_NotBefore()
    {
        var sent = await SendToJordanAsync(sendAt: TestData.Now.AddHours(3));

        var before = await _h.NewDispatcher().DispatchDueAsync(_h.Now.AddHours(2));
        _h.Clock.Advance(TimeSpan.FromHours(3));
        var at = await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        sent.Value!.ScheduledFor.Should().Be(TestData.Now.AddHours(3));
        before.Claimed.Should().Be(0);
        at.Sent.Should().Be(1);
        _provider.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task Cancel_ScheduledText_FailedAuditedAndNeverSent()
    {
        var sent = await SendToJordanAsync(sendAt: TestData.Now.AddHours(3));
        var listed = await _scheduled.ListAsync(_account.Id, CancellationToken.None);

        var cancelled = await _scheduled.CancelAsync(_account.Id, sent.Value!.MessageId, CancellationToken.None);
        _h.Clock.Advance(TimeSpan.FromHours(4));
        var dispatched = await _h.NewDispatcher().DispatchDueAsync(_h.Now);

        listed.Value.Should().ContainSingle().Which.Should().BeEquivalentTo(new { sent.Value.MessageId, RecipientName = "Jordan Ellis", HeldByQuietHours = false });
        cancelled.Succeeded.Should().BeTrue(cancelled.FirstError?.Message);
        dispatched.Claimed.Should().Be(0);
        _h.Message(sent.Value.MessageId).Should().BeEquivalentTo(new { Status = MessageStatus.Failed, ErrorCode = ScheduledTextService.CancelledCode });
        AuditActions().Should().Contain("message.cancelled");
        (await _scheduled.ListAsync(_account.Id, CancellationToken.None)).Value.Should().BeEmpty();
    }

    [Fact]
    public async Task OptOut_CancelsTheNumbersScheduledTexts()
    {
        var sent = await SendToJordanAsync(sendAt: TestData.Now.AddHours(3));

        await ReceiveAsync("STOP");

        _h.Message(sent.Value!.MessageId).Should().BeEquivalentTo(new
        {
            Status = MessageStatus.Failed, ErrorCode = ScheduledTextService.CancelledCode,
            ErrorReason = OptOutRecorder.CancelReason("Riverside Family Medicine"),
        });
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(31 * 24 * 60)]
    public async Task SendAt_PastOrTooFarAhead_Refused4000NamingSendAt(int minutes)
    {
        var refused = await SendToJordanAsync(sendAt: TestData.Now.AddMinutes(minutes));

        refused.FirstError.Should().BeEquivalentTo(new { Code = ResultCodes.ValidationFailed, Field = "sendAt" });
        _h.Messages().Should().BeEmpty();
    }
}

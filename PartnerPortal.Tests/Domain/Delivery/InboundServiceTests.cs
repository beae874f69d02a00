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

/// <summary>Inbound texts through the signed endpoint: STOP/START/HELP and the send pipeline's opt-out refusal (4050).</summary>
public sealed class InboundServiceTests : IAsyncLifetime
{
    private const string Jordan = "+16145550123";
    private readonly DeliveryHarness _h = new();
    private Partner _partner = null!;
    private Account _account = null!;
    private SendService _send = null!;
    private int _recipientId;
    private int _dublin;
    private string _secret = "";
    private int _inboundIds;

    public async Task InitializeAsync()
    {
        (_partner, _account) = _h.AddAccount();
        _send = new SendService(_h.Database, _h.Actor, _h.AuditLog, new NumberRequestService(_h.Database, _h.Actor, _h.AuditLog, _h.Clock),
            new SecureTextOptions { PublicBaseUrl = "https://portal.example" }, _h.Clock, new MessageStore(_h.Database, _h.AuditLog));
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
            _dublin = db.Locations.Single(l => l.AccountId == _account.Id && l.ExternalId == "dublin").Id;
        }

        _h.Actor.Current = TestActor.PartnerAdmin(_partner.Id);
        _secret = (await _h.Settings.GetAsync(_account.Id, CancellationToken.None)).Value!.CallbackSecret;
        _h.Actor.Current = TestActor.PracticeStaff(_partner.Id, _account.Id);
    }

    public Task DisposeAsync()
    {
        _h.Dispose();
        return Task.CompletedTask;
    }

    private async Task<Result<InboundCallbackResult>> ReceiveAsync(string text, string from = Jordan, string to = "+12195550114", string? id = null)
    {
        var json = JsonSerializer.Serialize(new { id = id ?? $"in-{++_inboundIds}", from, to, text });
        var timestamp = CallbackSignature.ToUnixSeconds(_h.Now);
        var answer = await _h.Callbacks.HandleInboundAsync(
            new ProviderCallbackRequest(_account.Id.ToString(), timestamp.ToString(), CallbackSignature.Sign(_secret, timestamp, json), json),
            CancellationToken.None);
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        return answer;
    }

    private Task<Result<SendOutcome>> SendToJordanAsync() => _send.SendAsync(new SendRequest
    {
        AccountId = _account.Id, LocationId = _dublin, RecipientId = _recipientId, Content = "Your appointment is tomorrow at 9am.",
    }, CancellationToken.None);

    private List<Message> Replies()
    {
        using var db = _h.Db();
        return db.Messages.AsNoTracking().Where(m => m.ToNumber == Jordan).OrderBy(m => m.Id).ToList();
    }

    [Fact]
    public async Task Stop_ThenSend_RefusedWith4050AndOneConfirmationQueued()
    {
        var answer = await ReceiveAsync("Stop");
        var refused = await SendToJordanAsync();

        answer.Succeeded.Should().BeTrue(answer.FirstError?.Message);
        refused.Succeeded.Should().BeFalse();
        refused.FirstError!.Code.Should().Be(ResultCodes.OptedOut);
        refused.FirstError.Message.Should().Contain("replied STOP").And.Contain("must reply START");
        var reply = Replies().Should().ContainSingle().Subject;
        reply.Status.Should().Be(MessageStatus.Pending, "the confirmation is queued and sent although they are now opted out");
        reply.Content.Should().Be(InboundService.OptOutReply("Riverside Family Medicine"));
        reply.SenderNumber.Should().Be("+12195550114", "the reply comes from the number they texted");
        using var db = _h.Db();
        db.OptOuts.Single().Should().BeEquivalentTo(new { Phone = Jordan, Keyword = "STOP" });
        db.AuditEntries.Select(e => e.Action).Should().Contain("recipient.opted_out");
        db.AuditEntries.Select(e => e.Summary).Should().NotContain(s => s.Contains(Jordan), "audit entries never carry the whole number");
    }

    [Fact]
    public async Task StopTwice_OnlyOneConfirmation()
    {
        await ReceiveAsync("STOP");
        await ReceiveAsync("opt out");

        Replies().Should().ContainSingle();
    }

    [Fact]
    public async Task StopThenStart_SendableAgainWithConfirmation()
    {
        await ReceiveAsync("STOP");
        var answer = await ReceiveAsync("start");
        var sent = await SendToJordanAsync();

        answer.Value!.Outcome.Action.Should().Be(InboundAction.OptIn);
        sent.Succeeded.Should().BeTrue(sent.FirstError?.Message);
        Replies().Select(m => m.Content).Should().Contain(InboundService.OptInReply("Riverside Family Medicine"));
        using var db = _h.Db();
        db.OptOuts.Should().BeEmpty();
        db.AuditEntries.Select(e => e.Action).Should().Contain("recipient.opted_in");
    }

    [Fact]
    public async Task Yes_FromSomeoneNotOptedOut_OrdinaryReplyWithoutConfirmation()
    {
        var answer = await ReceiveAsync("Yes");

        answer.Value!.Outcome.Action.Should().Be(InboundAction.None);
        Replies().Should().BeEmpty();
    }

    [Fact]
    public async Task Help_RepliesWithPracticeNameAndDefaultLocationPhone()
    {
        await ReceiveAsync("HELP");

        Replies().Should().ContainSingle().Which.Content
            .Should().Be("Riverside Family Medicine: For help, call (614) 555-0100. Reply STOP to unsubscribe.");
    }

    [Fact]
    public async Task Help_AccountWithPracticePhone_RepliesWithThePracticePhone()
    {
        using (var db = _h.Db())
        {
            db.Accounts.Where(a => a.Id == _account.Id).ExecuteUpdate(s => s.SetProperty(a => a.PracticePhone, "+16145550188"));
        }

        await ReceiveAsync("HELP");

        Replies().Should().ContainSingle().Which.Content
            .Should().Be("Riverside Family Medicine: For help, call (614) 555-0188. Reply STOP to unsubscribe.");
    }

    [Fact]
    public async Task OtherText_StoredInTheRecipientsThread()
    {
        var sent = await SendToJordanAsync();
        await ReceiveAsync("Can we move it to 10am?");
        var timeline = new MessageTimelineService(_h.Database, _h.Actor);

        var details = await timeline.GetAsync(sent.Value!.MessageId, CancellationToken.None);

        Replies().Should().ContainSingle("no reply is queued for an ordinary text");
        details.Value!.Thread.Select(e => (e.Inbound, e.Text))
            .Should().Equal((false, "Your appointment is tomorrow at 9am."), (true, "Can we move it to 10am?"));
        using var db = _h.Db();
        db.InboundMessages.Single().RecipientId.Should().Be(_recipientId);
    }

    [Fact]
    public async Task SameProviderIdTwice_AcknowledgedAndIgnored()
    {
        await ReceiveAsync("STOP", id: "in-42");
        await ReceiveAsync("START", id: "in-42");

        using var db = _h.Db();
        db.InboundMessages.Should().ContainSingle();
        db.OptOuts.Should().ContainSingle();
    }

    [Fact]
    public async Task MalformedSender_BadRequest()
    {
        var answer = await ReceiveAsync("STOP", from: "6145550123");

        answer.FirstError!.Code.Should().Be(ResultCodes.ValidationFailed);
        using var db = _h.Db();
        db.OptOuts.Should().BeEmpty();
    }
}

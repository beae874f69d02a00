using Bunit;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Features.Messages;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Messages;

public sealed class MessagePageTests : PortalTestContext
{
    private readonly int _partnerId;
    private readonly int _accountId;
    private readonly long _messageId;

    public MessagePageTests()
    {
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        _partnerId = partner.Id;
        var account = TestData.AddAccount(db, partner, "riverside", null, ("dublin", "Dublin", SmsNumberStatus.Approved, "+12195550114"));
        _accountId = account.Id;
        var now = TestData.Now;
        var message = new Message
        {
            AccountId = account.Id, LocationId = db.Locations.Single(l => l.AccountId == account.Id).Id, SenderNumber = "+12195550114",
            ToNumber = "+16145550123", Kind = MessageKind.SmsText, Content = "See you tomorrow at 9am.", Encoding = "GSM-7", SegmentCount = 1,
            Status = MessageStatus.Delivered, Attempts = 2, CreatedAt = now, UpdatedAt = now, SentAt = now.AddSeconds(40), DeliveredAt = now.AddSeconds(42),
        };
        db.Messages.Add(message);
        db.SaveChanges();
        _messageId = message.Id;
        db.MessageAttempts.AddRange(
            new MessageAttempt { MessageId = message.Id, Number = 1, StartedAt = now.AddSeconds(1), FinishedAt = now.AddSeconds(2), Result = AttemptResult.Error, HttpStatus = 503, Error = "HTTP 503 Service Unavailable" },
            new MessageAttempt { MessageId = message.Id, Number = 2, StartedAt = now.AddSeconds(40), FinishedAt = now.AddSeconds(40), Result = AttemptResult.Sent, HttpStatus = 200 });
        db.InboundMessages.Add(new InboundMessage
        {
            AccountId = account.Id, FromNumber = "+16145550123", ToNumber = "+12195550114", Text = "Thanks, see you then", ProviderMessageId = "in-1",
            ReceivedAt = now.AddMinutes(5),
        });
        db.SaveChanges();
        ActAs(TestActor.PracticeStaff(partner.Id, account.Id));
    }

    [Fact]
    public void Render_DeliveredMessage_TimelineWithEachAttemptAndThread()
    {
        var page = Render<MessagePage>(p => p.Add(x => x.Id, _messageId));

        page.WaitForAssertion(() => page.Find("[data-testid='message-status']").TextContent.Should().Be("Delivered"));
        page.FindAll("[data-testid='timeline-title']").Select(e => e.TextContent).Should().Equal(
            "Created", "Attempt 1: failed, will be retried", "Attempt 2: accepted by the provider", "Sent", "Delivered");
        page.Find("[data-testid='message-timeline']").TextContent.Should().Contain("HTTP 503 Service Unavailable");
        page.Find("[data-testid='message-content']").TextContent.Should().Be("See you tomorrow at 9am.");
        page.Find("[data-testid='thread-inbound']").TextContent.Should().Contain("Thanks, see you then");
    }

    [Fact]
    public void Render_AnotherAccountsUser_NotFound()
    {
        ActAs(TestActor.PracticeStaff(_partnerId, _accountId + 100));

        var page = Render<MessagePage>(p => p.Add(x => x.Id, _messageId));

        page.WaitForAssertion(() => page.Find("[data-testid='message-error']").TextContent.Should().Be("The message was not found."));
        page.Markup.Should().NotContain("See you tomorrow");
    }
}

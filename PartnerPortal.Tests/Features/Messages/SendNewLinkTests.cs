using Bunit;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Features.Messages;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Messages;

/// <summary>Seed 001: an expired or locked Secure Text link — "You will need to send a new link".</summary>
public sealed class SendNewLinkTests : PortalTestContext
{
    private readonly int _partnerId;
    private readonly int _accountId;

    public SendNewLinkTests()
    {
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        _partnerId = partner.Id;
        var account = TestData.AddAccount(db, partner, "riverside", null, ("dublin", "Dublin", SmsNumberStatus.Approved, "+12195550114"));
        _accountId = account.Id;
        db.Recipients.Add(new Recipient
        {
            AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis", DateOfBirth = new DateOnly(1984, 3, 12),
            Mobile = "+16145550123", CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
        });
        db.SaveChanges();
        ActAs(TestActor.PracticeStaff(partner.Id, account.Id));
    }

    private long AddSecureText(DateTime sentAt, bool locked = false)
    {
        using var db = Database.CreateDbContext();
        var message = new Message
        {
            AccountId = _accountId, LocationId = db.Locations.Single(l => l.AccountId == _accountId).Id, SenderNumber = "+12195550114",
            RecipientId = db.Recipients.Single().Id, ToNumber = "+16145550123", Kind = MessageKind.SecureText, NotifyMethod = NotifyMethod.Sms,
            Content = "Your biopsy results are normal.", Encoding = "GSM-7", SegmentCount = 1, Status = MessageStatus.Delivered,
            CreatedAt = sentAt, UpdatedAt = sentAt, SentAt = sentAt, DeliveredAt = sentAt, SecureLinkExpiresAt = sentAt.AddHours(72),
            SecureTokenHash = Guid.NewGuid().ToString("N"), SecureLocked = locked,
        };
        db.Messages.Add(message);
        db.SaveChanges();
        return message.Id;
    }

    [Fact]
    public void MessagePage_ExpiredLink_SendNewLinkQueuesAFreshSecureTextAudited()
    {
        var expired = AddSecureText(TestData.Now.AddHours(-73));
        var page = Render<MessagePage>(p => p.Add(x => x.Id, expired));

        page.WaitForAssertion(() => page.Find("[data-testid='send-new-link-panel']").TextContent
            .Should().Contain("You will need to send a new link."));
        page.Find("[data-testid='send-new-link']").TextContent.Trim().Should().Be("Send new link");
        page.Find("[data-testid='send-new-link']").Click();

        page.WaitForAssertion(() =>
        {
            using var db = Database.CreateDbContext();
            var renewed = db.Messages.AsNoTracking().Where(m => m.Id != expired).Should().ContainSingle().Subject;
            renewed.Should().BeEquivalentTo(new
            {
                Kind = MessageKind.SecureText, Status = MessageStatus.Pending, Content = "Your biopsy results are normal.", ToNumber = "+16145550123",
            });
            db.AuditEntries.Should().ContainSingle(a => a.Action == "message.queued" && a.Summary.Contains($"a new link for Secure Text #{expired}"));
        });
    }

    [Fact]
    public void MessagePage_LockedLink_OffersSendNewLink()
    {
        var locked = AddSecureText(TestData.Now.AddHours(-1), locked: true);

        var page = Render<MessagePage>(p => p.Add(x => x.Id, locked));

        page.WaitForAssertion(() => page.Find("[data-testid='send-new-link']"));
    }

    [Fact]
    public void MessagePage_LinkStillValid_NoSendNewLink()
    {
        var valid = AddSecureText(TestData.Now.AddHours(-1));

        var page = Render<MessagePage>(p => p.Add(x => x.Id, valid));

        page.WaitForAssertion(() => page.Find("[data-testid='message-status']"));
        page.FindAll("[data-testid='send-new-link']").Should().BeEmpty();
    }

    [Fact]
    public void MessagePage_SupportAgent_NoSendNewLink()
    {
        var expired = AddSecureText(TestData.Now.AddHours(-73));
        ActAs(TestActor.SupportAgent(_partnerId));

        var page = Render<MessagePage>(p => p.Add(x => x.Id, expired));

        page.WaitForAssertion(() => page.Find("[data-testid='message-status']"));
        page.FindAll("[data-testid='send-new-link']").Should().BeEmpty();
    }
}

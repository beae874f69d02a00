using Bunit;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Features.Messages;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Messages;

public sealed class AccountMessagesSectionTests : PortalTestContext
{
    private readonly int _accountId;

    public AccountMessagesSectionTests()
    {
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "riverside", null, ("dublin", "Dublin", SmsNumberStatus.Approved, "+12195550114"));
        var jordan = new Recipient { AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis", Mobile = "+16145550123" };
        db.Recipients.Add(jordan);
        db.SaveChanges();
        var location = db.Locations.Single(l => l.AccountId == account.Id);
        for (var i = 0; i < 12; i++)
        {
            db.Messages.Add(new Message
            {
                AccountId = account.Id, LocationId = location.Id, RecipientId = jordan.Id, ToNumber = jordan.Mobile,
                Kind = i == 11 ? MessageKind.SecureText : MessageKind.SmsText, NotifyMethod = i == 11 ? NotifyMethod.Sms : null,
                Content = i == 11 ? "Secret diagnosis" : $"Message {i}", Encoding = "GSM-7", SegmentCount = 1,
                Status = i == 0 ? MessageStatus.Delivered : MessageStatus.Pending,
                CreatedAt = TestData.Now.AddMinutes(i), UpdatedAt = TestData.Now.AddMinutes(i),
            });
        }

        db.SaveChanges();
        _accountId = account.Id;
        ActAs(TestActor.PracticeStaff(partner.Id, account.Id));
    }

    [Fact]
    public void Render_NewestFirstPagedWithoutContent()
    {
        var section = Render<AccountMessagesSection>(p => p.Add(x => x.AccountId, _accountId));

        section.WaitForAssertion(() => section.FindAll("tbody tr").Should().HaveCount(10));
        var first = section.FindAll("tbody tr")[0].TextContent;
        first.Should().Contain("Secure Text (SMS)").And.Contain("Jordan Ellis").And.Contain("Dublin").And.Contain("Pending");
        section.Markup.Should().NotContain("Secret diagnosis").And.NotContain("Message 3");
        section.Markup.Should().Contain("1-10 of 12");
    }
}

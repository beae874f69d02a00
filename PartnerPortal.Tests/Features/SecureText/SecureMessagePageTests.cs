using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Features.SecureText;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.SecureText;

public sealed class SecureMessagePageTests : PortalTestContext
{
    private readonly string _token;

    public SecureMessagePageTests()
    {
        long messageId;
        using (var db = Database.CreateDbContext())
        {
            var partner = TestData.AddPartner(db, "northwind");
            var account = TestData.AddAccount(db, partner, "riverside");
            var recipient = new Recipient
            {
                AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis",
                DateOfBirth = new DateOnly(1984, 3, 12), Mobile = "+16145550123",
            };
            db.Recipients.Add(recipient);
            db.SaveChanges();
            var message = new Message
            {
                AccountId = account.Id, RecipientId = recipient.Id, Kind = MessageKind.SecureText, NotifyMethod = NotifyMethod.Sms,
                ToNumber = "+16145550123", Content = "Your biopsy result is benign.", Encoding = "GSM-7", SegmentCount = 1,
                Status = MessageStatus.Pending, CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
            };
            db.Messages.Add(message);
            db.SaveChanges();
            messageId = message.Id;
        }

        Actor.Current = PartnerPortal.Domain.Tenancy.Actor.System("Dispatcher");
        var notice = Services.GetRequiredService<SecureLinkService>().IssueNoticeAsync(messageId, CancellationToken.None).GetAwaiter().GetResult();
        _token = notice.Value!.Url.Split("/s/")[1];
        Actor.Current = PartnerPortal.Domain.Tenancy.Actor.Anonymous;
    }

    private IRenderedComponent<SecureMessagePage> RenderPage(string? token = null)
    {
        var page = Render<SecureMessagePage>(p => p.Add(x => x.Token, token ?? _token));
        page.WaitForAssertion(() => page.FindAll(".mud-progress-linear").Should().BeEmpty());
        return page;
    }

    private static void Submit(IRenderedComponent<SecureMessagePage> page, string dob, string lastName)
    {
        page.Find("input[data-testid=secure-dob]").Change(dob);
        page.Find("input[data-testid=secure-last-name]").Change(lastName);
        page.Find("form").Submit();
    }

    [Fact]
    public void Open_AsksForDateOfBirthAndLastNameWithoutShowingTheContent()
    {
        var page = RenderPage();

        page.Markup.Should().Contain("riverside Clinic sent you a secure message").And.Contain("Date of birth").And.Contain("Last name");
        page.Markup.Should().NotContain("biopsy");
    }

    [Fact]
    public void Verify_Matching_ShowsTheMessage()
    {
        var page = RenderPage();

        Submit(page, "1984-03-12", "ellis");

        page.WaitForAssertion(() => page.Find("[data-testid=secure-message-content]").TextContent.Should().Be("Your biopsy result is benign."));
    }

    [Fact]
    public void Verify_ThreeMismatches_LocksTheLink()
    {
        var page = RenderPage();

        Submit(page, "1984-03-13", "Ellis");
        page.WaitForAssertion(() => page.Find("[data-testid=secure-error]").TextContent.Should().Contain("2 attempts left"));
        Submit(page, "1984-03-13", "Ellis");
        page.WaitForAssertion(() => page.Find("[data-testid=secure-error]").TextContent.Should().Contain("1 attempt left"));
        Submit(page, "1984-03-13", "Ellis");

        page.WaitForAssertion(() => page.Find("[data-testid=secure-link-state]").TextContent.Should().Be(SecureLinkService.LockedMessage));
    }

    [Fact]
    public void Open_UnknownToken_SaysTheLinkIsNotValid()
    {
        var page = RenderPage(SecureLinkToken.Create());

        page.Find("[data-testid=secure-link-state]").TextContent.Should().Be(SecureLinkService.NotFoundMessage);
    }

    [Fact]
    public void Open_After72Hours_SaysExpired()
    {
        Clock.Advance(TimeSpan.FromHours(73));

        var page = RenderPage();

        page.Find("[data-testid=secure-link-state]").TextContent.Should().Be(SecureLinkService.ExpiredMessage);
    }
}

using Bunit;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Features.Recipients;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Recipients;

public sealed class RecipientsPageTests : PortalTestContext
{
    private readonly int _accountId;

    public RecipientsPageTests()
    {
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "riverside");
        db.Recipients.AddRange(
            new Recipient { AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Tom", LastName = "Baker", DateOfBirth = new DateOnly(2001, 1, 15), Mobile = "+16145550111" },
            new Recipient { AccountId = account.Id, Kind = RecipientKind.Contact, FirstName = "Priya", LastName = "Natarajan", Email = "priya@lab.example" });
        db.OptOuts.Add(new OptOut { AccountId = account.Id, Phone = "+16145550111", Keyword = "STOP", OptedOutAt = new DateTime(2026, 11, 11, 0, 0, 0, DateTimeKind.Utc) });
        db.SaveChanges();
        _accountId = account.Id;
        ActAs(TestActor.PracticeStaff(partner.Id, account.Id));
    }

    [Fact]
    public void Render_ListsPatientsAndContactsWithOptOutState()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var page = Render<RecipientsPage>(p => p.Add(x => x.AccountId, _accountId));

        page.WaitForAssertion(() => page.FindAll("tbody tr").Should().HaveCount(2));
        var tom = page.FindAll("tbody tr").Single(r => r.TextContent.Contains("Tom Baker")).TextContent;
        tom.Should().Contain("Patient").And.Contain("01/15/2001").And.Contain("+16145550111");
        page.Find("[data-testid=opted-out]").TextContent.Should().Contain("Opted out Nov 11, 2026 (STOP)");
        page.FindAll("tbody tr").Single(r => r.TextContent.Contains("Priya Natarajan")).TextContent.Should().Contain("Contact");
    }
}

using Bunit;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Features.Templates;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Templates;

public sealed class TemplatesPageTests : PortalTestContext
{
    [Fact]
    public void Render_ListsTheAccountsTemplates()
    {
        int accountId;
        using (var db = Database.CreateDbContext())
        {
            var partner = TestData.AddPartner(db, "northwind");
            var account = TestData.AddAccount(db, partner, "riverside");
            db.Templates.Add(new Template { AccountId = account.Id, Name = "Reminder", Body = "Hi {{firstName}}, see you tomorrow." });
            db.SaveChanges();
            accountId = account.Id;
            ActAs(TestActor.PracticeStaff(partner.Id, account.Id));
        }

        var page = Render<TemplatesPage>(p => p.Add(x => x.AccountId, accountId));

        page.WaitForAssertion(() => page.Find("[data-testid=templates-table]").TextContent.Should()
            .Contain("Reminder").And.Contain("Hi {{firstName}}, see you tomorrow."));
    }
}

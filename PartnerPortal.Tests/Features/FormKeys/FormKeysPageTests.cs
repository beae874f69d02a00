using Bunit;
using PartnerPortal.Domain.Forms;
using PartnerPortal.Features.FormKeys;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.FormKeys;

public sealed class FormKeysPageTests : PortalTestContext
{
    private readonly int _partnerId;

    public FormKeysPageTests()
    {
        using var db = Database.CreateDbContext();
        _partnerId = TestData.AddPartner(db, "northwind").Id;
        db.Forms.Add(new Form { PartnerId = _partnerId, Name = "New Patient Intake", Url = "https://forms.example.com/intake" });
        db.SaveChanges();
    }

    [Fact]
    public void Render_PartnerAdmin_ListsFormsWithEditing()
    {
        ActAs(TestActor.PartnerAdmin(_partnerId));

        var page = Render<FormKeysPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=form-keys-table]").TextContent.Should()
            .Contain("New Patient Intake").And.Contain("https://forms.example.com/intake"));
        page.Markup.Should().Contain("Add Form");
    }

    [Fact]
    public void Render_SupportAgent_ReadsWithoutEditing()
    {
        ActAs(TestActor.SupportAgent(_partnerId));

        var page = Render<FormKeysPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=form-keys-table]").TextContent.Should().Contain("New Patient Intake"));
        page.Markup.Should().NotContain("Add Form");
        page.FindAll("button[aria-label^=Delete]").Should().BeEmpty();
    }
}

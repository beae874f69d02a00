using Bunit;
using MudBlazor;
using PartnerPortal.Features.PhiDirective;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.PhiDirective;

public sealed class PhiDirectivePageTests : PortalTestContext
{
    private readonly int _partnerId;

    public PhiDirectivePageTests()
    {
        using var db = Database.CreateDbContext();
        _partnerId = TestData.AddPartner(db, "northwind").Id;
        ActAs(TestActor.PartnerAdmin(_partnerId));
    }

    private IRenderedComponent<PhiDirectivePage> RenderLoaded()
    {
        var page = Render<PhiDirectivePage>();
        page.WaitForAssertion(() => page.Find("[data-testid=phi-explanation]"));
        return page;
    }

    private int? StoredDays()
    {
        using var db = Database.CreateDbContext();
        return db.PhiDirectives.Where(d => d.PartnerId == _partnerId).Select(d => (int?)d.ContentRetentionDays).FirstOrDefault();
    }

    private static void Save(IRenderedComponent<PhiDirectivePage> page, string days)
    {
        page.Find("input[data-testid=retention-days]").Input(days);
        page.Find("[data-testid=retention-save]").Click();
    }

    [Fact]
    public void Render_NeverChanged_ExplainsTheDefault()
    {
        var page = RenderLoaded();

        page.Find("[data-testid=phi-explanation]").TextContent.Trim().Should().Be("Message content older than 90 days is redacted.");
        page.Find("[data-testid=phi-last-change]").TextContent.Should().Contain("default of 90 days");
    }

    [Fact]
    public void Save_Zero_ValidationMessageAndNothingSaved()
    {
        var page = RenderLoaded();

        Save(page, "0");

        page.WaitForAssertion(() => page.Markup.Should().Contain("Enter a number of days from 1 to 3,650."));
        StoredDays().Should().BeNull();
    }

    [Fact]
    public void Save_ThirtyDays_SavedAndConfirmed()
    {
        var snackbars = Render<MudSnackbarProvider>();
        var page = RenderLoaded();

        Save(page, "30");

        page.WaitForAssertion(() => page.Find("[data-testid=phi-explanation]").TextContent.Trim()
            .Should().Be("Message content older than 30 days is redacted."));
        snackbars.WaitForAssertion(() => snackbars.Markup.Should().Contain("Message content is now kept for 30 days."));
        page.Find("[data-testid=phi-last-change]").TextContent.Should().Contain("by Admin of");
        StoredDays().Should().Be(30);
    }

    [Fact]
    public void Render_SupportAgent_ReadsWithoutForm()
    {
        ActAs(TestActor.SupportAgent(_partnerId));

        var page = RenderLoaded();

        page.Find("[data-testid=phi-read-only]");
        page.FindAll("input[data-testid=retention-days]").Should().BeEmpty();
    }
}

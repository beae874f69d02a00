using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Features.SmsSettings;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.SmsSettings;

public sealed class SmsSettingsPageTests : PortalTestContext
{
    private readonly int _partnerId;
    private readonly int _accountId;

    public SmsSettingsPageTests()
    {
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        _partnerId = partner.Id;
        _accountId = TestData.AddAccount(db, partner, "riverside").Id;
        ActAs(TestActor.PartnerAdmin(_partnerId));
    }

    private IRenderedComponent<SmsSettingsPage> RenderPage()
    {
        var page = Render<SmsSettingsPage>(p => p.Add(x => x.AccountId, _accountId));
        page.WaitForAssertion(() => page.Find("input[data-testid='provider-url']"));
        return page;
    }

    private async Task SaveThroughServiceAsync(ProviderSettingsInput input)
    {
        var saved = await Services.GetRequiredService<ProviderSettingsService>().SaveAsync(_accountId, input, CancellationToken.None);
        saved.Succeeded.Should().BeTrue(saved.FirstError?.Message);
    }

    [Fact]
    public void Render_NoSettings_BuiltInProviderCallbackEndpointsAndSecret()
    {
        var page = RenderPage();

        page.Find("input[data-testid='provider-url']").GetAttribute("value").Should().BeNullOrEmpty();
        var callbacks = page.Find("[data-testid='callback-details']").TextContent;
        callbacks.Should().Contain("/provider/callbacks/status").And.Contain("/provider/inbound");
        page.Find("[data-testid='callback-account']").TextContent.Should().Be(_accountId.ToString());
        page.Find("[data-testid='callback-secret']").TextContent.Should().NotContain("cbsec_", "the secret is hidden until asked for");

        page.Find("[data-testid='callback-secret-toggle']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='callback-secret']").TextContent.Should().StartWith("cbsec_"));
    }

    [Fact]
    public void Save_HttpUrl_RefusedUnderTheField()
    {
        var page = RenderPage();

        page.Find("input[data-testid='provider-url']").Change("http://sms.example.com/messages");
        page.Find("[data-testid='provider-save']").Click();

        page.WaitForAssertion(() => page.Markup.Should().Contain(ProviderSettingsRules.UrlInvalid));
        using var db = Database.CreateDbContext();
        db.ProviderSettings.Single().ProviderUrl.Should().BeNull();
    }

    [Fact]
    public async Task Save_LoginWithSpace_RefusedWithTheSentence()
    {
        await SaveThroughServiceAsync(new ProviderSettingsInput("https://sms.example.com/messages", true, "api-user", "pa55word!", "Riverside"));
        var page = RenderPage();

        page.Find("input[data-testid='provider-login']").Change("api user");
        page.Find("[data-testid='provider-save']").Click();

        page.WaitForAssertion(() => page.Markup.Should().Contain("The login may contain only letters, digits and _ + . @ -"));
    }

    [Fact]
    public async Task Render_SavedPassword_NeverShownAndBlankKeepsIt()
    {
        await SaveThroughServiceAsync(new ProviderSettingsInput("https://sms.example.com/messages", true, "api-user", "pa55word!", "Riverside"));

        var page = RenderPage();

        page.Markup.Should().NotContain("pa55word!");
        page.Find("input[data-testid='provider-password']").GetAttribute("value").Should().BeNullOrEmpty();
        page.Markup.Should().Contain("A password is saved. Leave blank to keep it (a new provider address needs it again).");
        page.Find("input[data-testid='provider-sender']").Change("");
        page.Find("[data-testid='provider-save']").Click();
        page.WaitForAssertion(() =>
        {
            using var db = Database.CreateDbContext();
            db.ProviderSettings.Single().SenderName.Should().BeNull();
        });
        using var check = Database.CreateDbContext();
        check.ProviderSettings.Single().ProtectedPassword.Should().NotBeNull();
    }

    [Fact]
    public void Render_SupportAgent_ReadOnlyWithoutChangeButtonsOrSecret()
    {
        ActAs(TestActor.SupportAgent(_partnerId));

        var page = Render<SmsSettingsPage>(p => p.Add(x => x.AccountId, _accountId));

        page.WaitForAssertion(() => page.Find("[data-testid='provider-url']"));
        page.FindAll("[data-testid='provider-save']").Should().BeEmpty();
        page.FindAll("[data-testid='provider-test']").Should().BeEmpty();
        page.FindAll("[data-testid='callback-secret-rotate']").Should().BeEmpty();
        page.FindAll("[data-testid='callback-secret-toggle']").Should().BeEmpty();
        page.FindAll("[data-testid='sms-settings-error']").Should().BeEmpty();
    }

    [Fact]
    public void Render_NoProviderWhileSimulatedProviderOff_WarnsThatSendsAreRefused()
    {
        Services.PostConfigure<DeliveryOptions>(o => o.SimulatedProvider.Enabled = false);

        var page = RenderPage();

        page.Find("[data-testid='no-provider-warning']").TextContent.Trim().Should().Be("No SMS provider is configured for this account.");
    }

    [Fact]
    public void Render_NoProviderWhileSimulatedProviderOn_NoWarning()
    {
        var page = RenderPage();

        page.FindAll("[data-testid='no-provider-warning']").Should().BeEmpty();
    }
}

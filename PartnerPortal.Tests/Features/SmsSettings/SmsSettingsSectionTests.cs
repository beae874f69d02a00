using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Features.SmsSettings;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.SmsSettings;

public sealed class SmsSettingsSectionTests : PortalTestContext
{
    private readonly int _partnerId;
    private readonly int _accountId;

    public SmsSettingsSectionTests()
    {
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        _partnerId = partner.Id;
        _accountId = TestData.AddAccount(db, partner, "riverside").Id;
    }

    [Fact]
    public async Task Render_PartnerAdmin_ProviderSenderAndEditLink()
    {
        ActAs(TestActor.PartnerAdmin(_partnerId));
        await Services.GetRequiredService<ProviderSettingsService>().SaveAsync(_accountId,
            new ProviderSettingsInput("https://sms.example.com/messages", false, null, null, null), CancellationToken.None);

        var section = Render<SmsSettingsSection>(p => p.Add(x => x.AccountId, _accountId));

        section.WaitForAssertion(() => section.Find("[data-testid='sms-settings-provider']").TextContent
            .Should().Contain("https://sms.example.com/messages"));
        section.Markup.Should().Contain("sent as MARKETING");
        section.Find("[data-testid='sms-settings-link']").GetAttribute("href").Should().Be($"/accounts/{_accountId}/sms-settings");
    }

    [Fact]
    public void Render_SupportAgent_ReadOnlyWithViewLink()
    {
        ActAs(TestActor.SupportAgent(_partnerId));

        var section = Render<SmsSettingsSection>(p => p.Add(x => x.AccountId, _accountId));

        // DESIGN §1: SupportAgents read SMS Settings (without secrets) but do not edit them.
        section.WaitForAssertion(() => section.Find("[data-testid='sms-settings-provider']"));
        section.Find("[data-testid='sms-settings-link']").TextContent.Trim().Should().Be("View SMS Settings");
    }

    [Fact]
    public void Render_PracticeStaff_Nothing()
    {
        ActAs(TestActor.PracticeStaff(_partnerId, _accountId));

        var section = Render<SmsSettingsSection>(p => p.Add(x => x.AccountId, _accountId));

        section.FindAll("[data-testid='sms-settings-section']").Should().BeEmpty();
    }
}

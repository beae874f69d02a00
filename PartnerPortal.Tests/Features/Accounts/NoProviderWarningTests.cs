using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Features.Accounts;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Accounts;

/// <summary>The account page's warning of DESIGN §4 step 7, shown to whoever may read the account (practice staff too).</summary>
public sealed class NoProviderWarningTests : PortalTestContext
{
    private readonly int _partnerId;
    private readonly int _accountId;

    public NoProviderWarningTests()
    {
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        _partnerId = partner.Id;
        _accountId = TestData.AddAccount(db, partner, "riverside").Id;
    }

    [Fact]
    public void Render_NoProviderWhileSimulatedProviderOff_Warns()
    {
        Services.PostConfigure<DeliveryOptions>(o => o.SimulatedProvider.Enabled = false);
        ActAs(TestActor.PracticeStaff(_partnerId, _accountId));

        var warning = Render<NoProviderWarning>(p => p.Add(x => x.AccountId, _accountId));

        warning.WaitForAssertion(() => warning.Find("[data-testid='no-provider-warning']").TextContent.Trim()
            .Should().Be("No SMS provider is configured for this account."));
    }

    [Fact]
    public void Render_AnotherPartnersAccount_NoWarning()
    {
        Services.PostConfigure<DeliveryOptions>(o => o.SimulatedProvider.Enabled = false);
        ActAs(TestActor.PartnerAdmin(_partnerId + 1000));

        var warning = Render<NoProviderWarning>(p => p.Add(x => x.AccountId, _accountId));

        warning.FindAll("[data-testid='no-provider-warning']").Should().BeEmpty();
    }
}

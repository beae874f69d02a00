using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Features.Webhooks;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.Webhooks;

public sealed class WebhooksPageTests : PortalTestContext
{
    private const string PublicUrl = "https://93.184.215.14/hooks/portal";
    private readonly int _partnerId;

    public WebhooksPageTests()
    {
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        using var db = Database.CreateDbContext();
        _partnerId = TestData.AddPartner(db, "northwind").Id;
        ActAs(TestActor.PartnerAdmin(_partnerId));
    }

    private IRenderedComponent<WebhooksPage> SubscribeThroughPage(string url)
    {
        var page = Render<WebhooksPage>();
        page.WaitForAssertion(() => page.Find("[data-testid='webhooks-empty']"));
        page.Find("input[data-testid='webhook-url']").Change(url);
        page.Find("[data-testid='webhook-subscribe']").Click();
        return page;
    }

    [Fact]
    public void Subscribe_HttpsUrl_ShowsSecretOnceAndListsSubscription()
    {
        var page = SubscribeThroughPage(PublicUrl);

        page.WaitForAssertion(() => page.Find("[data-testid='webhook-secret-notice']"));
        page.Find("input[data-testid='webhook-secret']").GetAttribute("value").Should().StartWith("whsec_");
        page.WaitForAssertion(() => page.Find("[data-testid='webhook-subscriptions']").TextContent.Should().Contain(PublicUrl).And.Contain("Enabled"));

        var reopened = Render<WebhooksPage>();
        reopened.WaitForAssertion(() => reopened.Find("[data-testid='webhook-subscriptions']"));
        reopened.FindAll("[data-testid='webhook-secret']").Should().BeEmpty("the secret is shown only once");
    }

    [Fact]
    public void Subscribe_HttpUrl_ShowsFieldErrorAndSubscribesNothing()
    {
        var page = SubscribeThroughPage("http://93.184.215.14/hooks/portal");

        page.WaitForAssertion(() => page.Markup.Should().Contain("The URL must start with https://."));
        page.FindAll("[data-testid='webhook-secret-notice']").Should().BeEmpty();
        page.FindAll("[data-testid='webhook-subscriptions']").Should().BeEmpty();
    }

    [Fact]
    public void SendTestEvent_Subscribed_DeliveryListedAsPending()
    {
        var page = SubscribeThroughPage(PublicUrl);
        page.WaitForAssertion(() => page.Find("[data-testid='send-test-event']"));

        page.Find("[data-testid='send-test-event']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid='webhook-deliveries']").TextContent
            .Should().Contain("sms.verification.status").And.Contain("test event").And.Contain("Pending"));
        page.Find("[data-testid='delivery-attempts']").TextContent.Should().Be("0");
    }
}

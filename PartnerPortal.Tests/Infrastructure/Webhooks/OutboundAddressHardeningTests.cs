using System.Net;
using PartnerPortal.Infrastructure.Delivery;
using PartnerPortal.Infrastructure.Webhooks;

namespace PartnerPortal.Tests.Infrastructure.Webhooks;

/// <summary>Issue 15: NAT64 addresses are not public, and outbound clients never use a system proxy.</summary>
public sealed class OutboundAddressHardeningTests
{
    [Theory]
    [InlineData("64:ff9b::a00:1")]        // 10.0.0.1 through the well-known NAT64 prefix
    [InlineData("64:ff9b::a9fe:a9fe")]    // 169.254.169.254 (cloud metadata)
    [InlineData("64:ff9b::7f00:1")]       // 127.0.0.1
    [InlineData("64:ff9b::808:808")]      // even a public one: the gateway decides, not us
    [InlineData("64:ff9b:1::a00:1")]      // local-use NAT64 prefix
    public void IsPublic_Nat64Address_False(string address)
    {
        WebhookAddressRules.IsPublic(IPAddress.Parse(address)).Should().BeFalse();
    }

    [Theory]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("64:ff9c::1")]
    public void IsPublic_OrdinaryPublicIpv6_StillTrue(string address)
    {
        WebhookAddressRules.IsPublic(IPAddress.Parse(address)).Should().BeTrue();
    }

    [Fact]
    public void Handlers_ProviderWebhookAndSimulated_DoNotUseASystemProxy()
    {
        using var webhook = WebhookHttp.CreateHandler(allowPrivateAddresses: false);
        using var provider = DeliveryHttp.CreateProviderHandler(allowPrivateAddresses: false);
        using var simulated = DeliveryHttp.CreateSimulatedHandler();

        webhook.UseProxy.Should().BeFalse();
        provider.UseProxy.Should().BeFalse();
        ((SocketsHttpHandler)((DelegatingHandler)simulated).InnerHandler!).UseProxy.Should().BeFalse();
    }
}

using System.Net;
using System.Net.Security;
using PartnerPortal.Infrastructure.Webhooks;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>
/// The named <see cref="HttpClient"/>s of delivery. Neither retries anything by itself nor follows redirects:
/// the dispatcher owns retries (a POST retried behind its back could be sent twice). The provider client
/// refuses non-public addresses at connection time (as webhooks do) unless <c>Delivery:AllowPrivateAddresses</c>;
/// the simulated client only talks to the app itself.
/// </summary>
public static class DeliveryHttp
{
    public const string ProviderClient = "delivery-provider";
    public const string SimulatedClient = "delivery-simulated";

    public static SocketsHttpHandler CreateProviderHandler(bool allowPrivateAddresses)
    {
        var handler = WebhookHttp.CreateHandler(allowPrivateAddresses);
        handler.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1);
        return handler;
    }

    /// <summary>
    /// For the app's own simulated provider and callbacks: a loopback https address may use the development certificate;
    /// requests to the simulated provider carry <see cref="SimulatedProviderKey"/>.
    /// </summary>
    public static HttpMessageHandler CreateSimulatedHandler() => new SimulatedProviderKey.AddingHandler(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (sender, _, _, errors) =>
                errors == SslPolicyErrors.None || (sender is SslStream stream && IsLoopback(stream.TargetHostName)),
        },
    });

    public static bool IsLoopback(string? host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host?.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

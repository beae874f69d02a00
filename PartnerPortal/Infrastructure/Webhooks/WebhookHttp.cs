using System.Net;
using System.Net.Sockets;

namespace PartnerPortal.Infrastructure.Webhooks;

/// <summary>
/// The named <see cref="HttpClient"/> for webhook deliveries: no automatic retries or redirects (the
/// delivery worker owns retries), and a connect callback that refuses non-public addresses at connection
/// time, so a DNS answer that changed after validation cannot reach an internal host; never through a proxy.
/// </summary>
public static class WebhookHttp
{
    public const string ClientName = "webhooks";

    public static SocketsHttpHandler CreateHandler(bool allowPrivateAddresses) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        // Straight to the checked address: a system proxy (HTTPS_PROXY) would make the connection instead and reach whatever it is asked.
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, allowPrivateAddresses, cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivateAddresses, CancellationToken cancellationToken)
    {
        var addresses = await WebhookUrlValidator.ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivateAddresses || WebhookAddressRules.IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(WebhookUrlValidator.PrivateAddressMessage);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

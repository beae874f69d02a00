using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Infrastructure.Webhooks;

/// <summary>Checks a subscriber URL at subscription time and again before each delivery (DNS resolved each time).</summary>
public sealed class WebhookUrlValidator(IOptions<WebhookOptions> options) : IWebhookUrlValidator
{
    public const string PrivateAddressMessage = "The URL resolves to a loopback, private or link-local address, which is not allowed.";

    public async Task<Result> ValidateAsync(string? url, CancellationToken cancellationToken)
    {
        var text = url?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Fail("Enter the URL of your endpoint.");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || text.Any(char.IsWhiteSpace))
        {
            return Fail("Enter an absolute URL, such as https://hooks.example.com/portal.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return Fail("The URL must start with https://.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return Fail("The URL must not contain a user name or password.");
        }

        if (text.Length > 2000)
        {
            return Fail("The URL can have at most 2000 characters.");
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return Fail($"The host {uri.Host} could not be resolved.");
        }

        if (addresses.Length == 0)
        {
            return Fail($"The host {uri.Host} could not be resolved.");
        }

        if (!options.Value.AllowPrivateAddresses && !addresses.All(WebhookAddressRules.IsPublic))
        {
            return Fail(PrivateAddressMessage);
        }

        return Result.Ok();
    }

    /// <summary>The host's addresses (an IP literal is returned as is).</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        return IPAddress.TryParse(bare, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(bare, cancellationToken);
    }

    private static Result Fail(string message) => Result.Fail(Error.ForField("url", message));
}

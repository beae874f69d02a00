using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Delivery;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>
/// The app's own base address, where the simulated provider and the status callback live:
/// <c>Delivery:SimulatedProvider:BaseUrl</c>, else the server's listening address (https preferred, so
/// https redirection never bounces a POST; wildcard hosts become <c>localhost</c>). Null when unknown
/// (e.g. an in-memory test server).
/// </summary>
public sealed class SimulatedProviderAddress(IOptions<DeliveryOptions> options, IServiceProvider services)
{
    public const string MessagesPath = "/simulated-provider/messages";
    public const string StatusCallbackPath = "/provider/callbacks/status";

    public string? BaseUrl
    {
        get
        {
            if (options.Value.SimulatedProvider.BaseUrl is { Length: > 0 } configured)
            {
                return configured.TrimEnd('/');
            }

            var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
            var candidates = (addresses ?? []).Select(Normalize).OfType<Uri>().ToList();
            var chosen = candidates.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttps) ?? candidates.FirstOrDefault();
            return chosen?.GetLeftPart(UriPartial.Authority);
        }
    }

    private static Uri? Normalize(string address)
    {
        var text = address.Replace("://+", "://localhost").Replace("://*", "://localhost")
            .Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;
    }
}

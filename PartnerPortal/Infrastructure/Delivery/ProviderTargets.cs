using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>Where an account's messages go: its SMS Settings' provider, else the simulated provider when enabled.</summary>
internal sealed class ProviderTargets(ProviderSecrets secrets, SimulatedProviderAddress simulatedAddress, IOptions<DeliveryOptions> options)
{
    public ProviderTarget For(ProviderSettings? settings)
    {
        var type = ProviderMessage.TypeFor(settings?.SenderName) == ProviderMessage.Marketing ? MessageType.Marketing : MessageType.Notification;
        if (settings?.ProviderUrl is { } url)
        {
            AuthenticationHeaderValue? authorization = null;
            string? problem = null;
            if (settings.UseAuthentication && settings.Login is not null)
            {
                var password = secrets.UnprotectPassword(settings.ProtectedPassword);
                problem = password is null ? "The provider password could not be read; enter it again on the SMS Settings page." : null;
                authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Login}:{password}")));
            }

            return new ProviderTarget(new Uri(url), authorization, settings.SenderName, type, Simulated: false, problem);
        }

        if (options.Value.SimulatedProvider.Enabled != true)
        {
            return new ProviderTarget(null, null, settings?.SenderName, type, Simulated: false,
                "No SMS provider is configured for this account: enter its SMS Settings.");
        }

        return simulatedAddress.BaseUrl is { } baseUrl
            ? new ProviderTarget(new Uri(baseUrl + SimulatedProviderAddress.MessagesPath), null, settings?.SenderName, type, Simulated: true, null)
            : new ProviderTarget(null, null, settings?.SenderName, type, Simulated: true,
                "The built-in provider's address is not known yet; set Delivery:SimulatedProvider:BaseUrl.");
    }
}

using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Webhooks;

/// <summary>
/// Checks a subscriber URL: absolute https, and (unless <see cref="WebhookOptions.AllowPrivateAddresses"/>)
/// its host resolves only to public addresses, never loopback, private or link-local ones.
/// </summary>
public interface IWebhookUrlValidator
{
    Task<Result> ValidateAsync(string? url, CancellationToken cancellationToken);
}

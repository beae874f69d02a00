using System.Globalization;
using System.Security.Claims;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Infrastructure.Identity;

/// <summary>Turns a signed-in principal (cookie user or API key) into the domain's <see cref="Actor"/>.</summary>
public static class ActorFactory
{
    public static Actor FromPrincipal(ClaimsPrincipal principal, string? ipAddress)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Actor.Anonymous with { IpAddress = ipAddress };
        }

        var apiKeyId = principal.FindFirstValue(PortalClaims.ApiKeyId);
        var id = apiKeyId ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        var name = principal.FindFirstValue(PortalClaims.DisplayName) ?? principal.Identity?.Name ?? id;
        var role = PortalRoles.All.FirstOrDefault(principal.IsInRole) ?? principal.FindFirstValue(ClaimTypes.Role);
        return new Actor(
            apiKeyId is null ? ActorKind.User : ActorKind.ApiKey,
            id,
            name,
            role,
            ParseInt(principal.FindFirstValue(PortalClaims.PartnerId)),
            ParseInt(principal.FindFirstValue(PortalClaims.AccountId)),
            ipAddress);
    }

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}

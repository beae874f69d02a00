using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Components.Shared;

/// <summary>
/// The portal policies (<see cref="PortalPolicies"/>) the signed-in user satisfies, evaluated once by a component that
/// shows or hides several parts by policy. An <c>AuthorizeView</c> per part (one per table row on the account page) is a
/// component each that every circuit keeps for as long as the tab is open (issue 18). Hiding is only presentation: the
/// domain services check the same policies on every call.
/// </summary>
public sealed class PortalAccess
{
    private readonly HashSet<string> _allowed;

    private PortalAccess(ClaimsPrincipal user, HashSet<string> allowed) => (User, _allowed) = (user, allowed);

    public static PortalAccess None { get; } = new(new ClaimsPrincipal(new ClaimsIdentity()), []);

    public ClaimsPrincipal User { get; }

    public bool Allows(string policy) => _allowed.Contains(policy);

    public static async Task<PortalAccess> ForAsync(Task<AuthenticationState>? authenticationState, IAuthorizationService authorization)
    {
        if (authenticationState is null)
        {
            return None;
        }

        var user = (await authenticationState).User;
        var allowed = new HashSet<string>();
        foreach (var policy in PortalPolicies.All)
        {
            if ((await authorization.AuthorizeAsync(user, policy)).Succeeded)
            {
                allowed.Add(policy);
            }
        }

        return new PortalAccess(user, allowed);
    }
}

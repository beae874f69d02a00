using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;

namespace PartnerPortal.Infrastructure.Identity;

/// <summary>
/// Decides whether a signed-in principal may keep its access: the user still exists, is not disabled,
/// and its security stamp (changed on disable, role change, password change) is the one it signed in with.
/// </summary>
public sealed class UserAccessValidator(UserManager<ApplicationUser> userManager, IOptions<IdentityOptions> options)
{
    /// <summary>How often open circuits re-check; a disabled or demoted user loses access within twice this.</summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromSeconds(30);

    public async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        var userStamp = await userManager.GetSecurityStampAsync(user);
        return principalStamp == userStamp;
    }
}

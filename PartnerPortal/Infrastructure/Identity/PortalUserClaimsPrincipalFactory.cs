using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Infrastructure.Identity;

/// <summary>Adds the user's partner, account and display name to the cookie principal.</summary>
public sealed class PortalUserClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.UserName ?? user.Id : user.DisplayName));
        if (user.PartnerId is { } partnerId)
        {
            identity.AddClaim(new Claim(PortalClaims.PartnerId, partnerId.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.AccountId is { } accountId)
        {
            identity.AddClaim(new Claim(PortalClaims.AccountId, accountId.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using PartnerPortal.Infrastructure.Identity;

namespace PartnerPortal.Components.Account;

// This is a server-side AuthenticationStateProvider that revalidates the connected user every 30 seconds
// while an interactive circuit is connected, so a disabled or demoted user (whose security stamp changes)
// loses access in an open circuit within a minute.
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => UserAccessValidator.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var validator = scope.ServiceProvider.GetRequiredService<UserAccessValidator>();
        return await validator.IsStillValidAsync(authenticationState.User);
    }
}

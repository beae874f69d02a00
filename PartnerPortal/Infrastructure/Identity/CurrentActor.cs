using Microsoft.AspNetCore.Components.Authorization;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Infrastructure.Identity;

/// <summary>Client details captured from the HTTP request that started a circuit.</summary>
public sealed class ClientInfo
{
    public string? IpAddress { get; set; }
}

/// <summary>
/// The scoped <see cref="ICurrentActor"/>: an API request or a background job sets its actor explicitly;
/// in a Blazor circuit the actor comes from the (revalidated) authentication state.
/// </summary>
public sealed class CurrentActor(IServiceProvider services, ClientInfo clientInfo) : ICurrentActor
{
    private Actor? _explicit;

    public void Set(Actor actor) => _explicit = actor;

    public async ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_explicit is not null)
        {
            return _explicit;
        }

        var authentication = services.GetService<AuthenticationStateProvider>();
        if (authentication is null)
        {
            return Actor.Anonymous;
        }

        var state = await authentication.GetAuthenticationStateAsync();
        return ActorFactory.FromPrincipal(state.User, clientInfo.IpAddress);
    }
}

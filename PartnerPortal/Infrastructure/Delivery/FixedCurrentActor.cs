using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>An <see cref="ICurrentActor"/> that is always the same actor: background work acting as the System.</summary>
public sealed class FixedCurrentActor(Actor actor) : ICurrentActor
{
    public ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(actor);
}

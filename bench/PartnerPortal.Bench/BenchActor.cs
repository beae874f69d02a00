using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Bench;

/// <summary>The actor the services see; the benchmark switches it between System and a partner admin.</summary>
internal sealed class BenchActor : ICurrentActor
{
    public Actor Current { get; set; } = Actor.System("Benchmark");

    public ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Current);
}

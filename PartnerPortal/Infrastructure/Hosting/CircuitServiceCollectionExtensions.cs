namespace PartnerPortal.Infrastructure.Hosting;

public static class CircuitServiceCollectionExtensions
{
    /// <summary>Blazor Server circuits: the benchmark's diagnostics when <c>Portal:BenchDiagnostics</c> is true.</summary>
    public static IServiceCollection AddPortalCircuits(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>(CircuitDiagnostics.EnabledKey))
        {
            CircuitDiagnostics.Add(services);
        }

        return services;
    }
}

using Microsoft.AspNetCore.Components.Server;

namespace PartnerPortal.Infrastructure.Hosting;

public static class CircuitServiceCollectionExtensions
{
    public const string Section = "Portal:Circuits";

    /// <summary>
    /// Blazor Server circuits (<c>Portal:Circuits</c>, README "Configuration"): how long and how many disconnected circuits
    /// are kept for a reconnect, validated at start-up; the benchmark's diagnostics when <c>Portal:BenchDiagnostics</c> is true.
    /// </summary>
    public static IServiceCollection AddPortalCircuits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CircuitOptions>()
            .Configure(options =>
            {
                options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
                options.DisconnectedCircuitMaxRetained = 100;
                options.MaxBufferedUnacknowledgedRenderBatches = 10;
            })
            .Bind(configuration.GetSection(Section))
            .Validate(o => o.DisconnectedCircuitRetentionPeriod > TimeSpan.Zero && o.DisconnectedCircuitRetentionPeriod <= TimeSpan.FromHours(1),
                $"{Section}:DisconnectedCircuitRetentionPeriod must be more than zero and at most one hour.")
            .Validate(o => o.DisconnectedCircuitMaxRetained is >= 0 and <= 10_000,
                $"{Section}:DisconnectedCircuitMaxRetained must be between 0 and 10000.")
            .Validate(o => o.MaxBufferedUnacknowledgedRenderBatches is > 0 and <= 100,
                $"{Section}:MaxBufferedUnacknowledgedRenderBatches must be between 1 and 100.")
            .ValidateOnStart();

        if (configuration.GetValue<bool>(CircuitDiagnostics.EnabledKey))
        {
            CircuitDiagnostics.Add(services);
        }

        return services;
    }
}

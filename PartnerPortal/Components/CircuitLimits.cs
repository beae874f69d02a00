using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Components;

/// <summary>
/// Blazor Server circuits (<c>Portal:Circuits</c>, README "Configuration"): how long and how many disconnected circuits
/// are kept for a reconnect, and how many render batches wait for the browser; validated at start-up.
/// </summary>
public sealed class CircuitLimits : IValidateOptions<CircuitOptions>
{
    public const string Section = "Portal:Circuits";

    public static void ApplyDefaults(CircuitOptions options)
    {
        options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
        options.DisconnectedCircuitMaxRetained = 100;
        options.MaxBufferedUnacknowledgedRenderBatches = 10;
    }

    public ValidateOptionsResult Validate(string? name, CircuitOptions options)
    {
        if (name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        List<string> failures = [];
        if (options.DisconnectedCircuitRetentionPeriod <= TimeSpan.Zero || options.DisconnectedCircuitRetentionPeriod > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:DisconnectedCircuitRetentionPeriod must be more than zero and at most one hour.");
        }

        if (options.DisconnectedCircuitMaxRetained is < 0 or > 10_000)
        {
            failures.Add($"{Section}:DisconnectedCircuitMaxRetained must be between 0 and 10000.");
        }

        if (options.MaxBufferedUnacknowledgedRenderBatches is <= 0 or > 100)
        {
            failures.Add($"{Section}:MaxBufferedUnacknowledgedRenderBatches must be between 1 and 100.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}

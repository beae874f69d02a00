namespace PartnerPortal.Domain.Common;

/// <summary>
/// Exponential backoff with jitter, for everything that retries (message delivery, webhook deliveries, a dispatcher's
/// result write): <see cref="First"/>, doubled per failed attempt, capped at <see cref="Max"/>, each wait ±20 % so that
/// many failures at once do not come back at once.
/// </summary>
public sealed record Backoff(TimeSpan First, TimeSpan Max)
{
    private const double Jitter = 0.2;

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1-based), with jitter.</summary>
    public TimeSpan DelayAfter(int attempts, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var factor = 1 - Jitter + (random.NextDouble() * 2 * Jitter);
        return TimeSpan.FromTicks((long)(BaseTicks(attempts) * factor));
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt without jitter.</summary>
    public TimeSpan BaseDelayAfter(int attempts) => TimeSpan.FromTicks((long)BaseTicks(attempts));

    /// <summary>The longest <see cref="DelayAfter"/> can be (tests move the clock past it).</summary>
    public TimeSpan MaxDelayAfter(int attempts) => TimeSpan.FromTicks((long)(BaseTicks(attempts) * (1 + Jitter)) + 1);

    private double BaseTicks(int attempts) => Math.Min(First.Ticks * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30)), Max.Ticks);
}

using PartnerPortal.Domain.Delivery;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>Exponential backoff with jitter: <see cref="DeliveryOptions.FirstRetryDelay"/>, doubled per attempt, capped, each ±20 %.</summary>
public static class DeliveryRetryPolicy
{
    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1-based).</summary>
    public static TimeSpan DelayAfter(int attempts, DeliveryOptions options, Random random)
    {
        var jitter = 0.8 + (random.NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)(BaseDelay(attempts, options) * jitter));
    }

    /// <summary>The longest <see cref="DelayAfter"/> can be (tests move the clock past it).</summary>
    public static TimeSpan MaxDelayAfter(int attempts, DeliveryOptions options) =>
        TimeSpan.FromTicks((long)(BaseDelay(attempts, options) * 1.2) + 1);

    private static double BaseDelay(int attempts, DeliveryOptions options)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        return Math.Min(options.FirstRetryDelay.Ticks * Math.Pow(2, exponent), options.MaxRetryDelay.Ticks);
    }
}

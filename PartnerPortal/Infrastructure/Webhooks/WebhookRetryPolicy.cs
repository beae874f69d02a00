namespace PartnerPortal.Infrastructure.Webhooks;

/// <summary>Exponential backoff with jitter: 30 s, 1 min, 2 min … capped at 2 h, each ±20 %.</summary>
public static class WebhookRetryPolicy
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(2);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1-based).</summary>
    public static TimeSpan DelayAfter(int attempts, Random random)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var ticks = Math.Min(FirstDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
        var jitter = 0.8 + (random.NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)(ticks * jitter));
    }

    /// <summary>The longest <see cref="DelayAfter"/> can be (for tests moving the clock past any retry).</summary>
    public static TimeSpan MaxDelayAfter(int attempts) =>
        TimeSpan.FromTicks((long)(Math.Min(FirstDelay.Ticks * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20)), MaxDelay.Ticks) * 1.2));
}

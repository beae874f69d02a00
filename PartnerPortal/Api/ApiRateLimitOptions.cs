namespace PartnerPortal.Api;

/// <summary><c>Api:RateLimit</c>: each API key's token bucket.</summary>
public sealed class ApiRateLimitOptions
{
    public const string Section = "Api:RateLimit";

    /// <summary>Tokens added each second.</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>The bucket's size: requests a key may make at once after a quiet spell.</summary>
    public int Burst { get; set; } = 100;
}

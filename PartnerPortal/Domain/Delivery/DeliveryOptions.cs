namespace PartnerPortal.Domain.Delivery;

/// <summary>The <c>Delivery</c> configuration section: the dispatcher, provider callbacks and the built-in simulated provider.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Runs the dispatcher's background loop (<c>Delivery:Enabled</c>). Tests turn it off and dispatch by hand.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due messages when the last pass found none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests to providers in flight at once (<c>Delivery:Concurrency</c>).</summary>
    public int Concurrency { get; set; } = 100;

    /// <summary>Messages claimed by one conditional UPDATE.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Attempts per message before it is marked Failed (<c>Delivery:MaxAttempts</c>).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a claim stays with a dispatcher (at least two <see cref="Timeout"/>s); after that a crashed dispatcher's messages are taken over.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The backoff after the first failed attempt; doubled after each one (±20 % jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The retry waits of a message's delivery.</summary>
    public Common.Backoff Backoff => new(FirstRetryDelay, MaxRetryDelay);

    /// <summary>Allows provider URLs on loopback, private or link-local addresses (Development and tests only).</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How far a callback's <c>X-Provider-Timestamp</c> may be from now (DESIGN: 5 minutes).</summary>
    public TimeSpan CallbackWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refused provider callbacks (401/404) a client address may make per minute (also the burst) before it is answered 429; 0 turns the limit off.</summary>
    public int RefusedCallbacksPerMinute { get; set; } = 60;

    public SimulatedProviderOptions SimulatedProvider { get; set; } = new();
}

/// <summary><c>Delivery:SimulatedProvider</c>: the built-in provider used by accounts without SMS Settings.</summary>
public sealed class SimulatedProviderOptions
{
    /// <summary>On by default in Development (null: decided by the environment).</summary>
    public bool? Enabled { get; set; }

    /// <summary>The app's own address the dispatcher posts to and the callbacks go to; default: the server's first address.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>How long after accepting a message the simulated provider reports it DELIVERED (or FAILED).</summary>
    public TimeSpan DeliveryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Numbers ending with this are reported FAILED (empty: none).</summary>
    public string FailNumbersEndingWith { get; set; } = "0000";
}

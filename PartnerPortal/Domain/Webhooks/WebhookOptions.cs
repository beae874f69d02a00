namespace PartnerPortal.Domain.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Time of day (UTC) the daily digest runs; default 06:00.</summary>
    public TimeSpan DigestTimeUtc { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Allows URLs resolving to loopback, private or link-local addresses (tests and Development only).</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How often the delivery worker looks for due deliveries when nothing woke it.</summary>
    public TimeSpan DeliveryPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the message event relay looks for new events in the outbox.</summary>
    public TimeSpan EventRelayInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Deliveries attempted at once by the delivery worker.</summary>
    public int DeliveryConcurrency { get; set; } = 16;

    /// <summary>Per-attempt timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a delivery is retried before it is marked Failed (at least this long).</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a relayed message event stays in the outbox before the relay purges it; its deliveries stay. At least
    /// <see cref="MinMessageEventRetention"/>: the outbox also keeps a status from being recorded twice while a send is in flight.
    /// </summary>
    public TimeSpan MessageEventRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the relay purges relayed events older than <see cref="MessageEventRetention"/>.</summary>
    public TimeSpan MessageEventPurgeInterval { get; set; } = TimeSpan.FromHours(1);

    public static readonly TimeSpan MinMessageEventRetention = TimeSpan.FromDays(1);
}

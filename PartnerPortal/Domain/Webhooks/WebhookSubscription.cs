namespace PartnerPortal.Domain.Webhooks;

/// <summary>A partner's https endpoint subscribed to an event (<see cref="WebhookEvents.VerificationStatus"/>).</summary>
public class WebhookSubscription
{
    public int Id { get; set; }
    public int PartnerId { get; set; }
    public required string Url { get; set; }
    public required string EventType { get; set; }

    /// <summary>The signing secret (<c>whsec_…</c>) protected with ASP.NET Core Data Protection; shown once at creation.</summary>
    public required string ProtectedSecret { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Why the subscription was disabled (by a user, or by the receiver answering 410 Gone).</summary>
    public string? DisabledReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>When the last digest was queued for it: the next digest carries completions after this.</summary>
    public DateTime? LastNotifiedAt { get; set; }

    /// <summary>The audit entry of the last verification decision a digest carried: the next digest carries the decisions after it.</summary>
    public long? LastNotifiedAuditEntryId { get; set; }

    /// <summary>Only this account's events (message events); null: every account of the partner.</summary>
    public int? AccountId { get; set; }

    /// <summary><c>message.inbound</c> carries the reply's text only when the subscriber opted in (PHI).</summary>
    public bool IncludeContent { get; set; }

    public List<WebhookDelivery> Deliveries { get; set; } = [];
}

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One event sent (or being sent) to a subscription, with its attempts.</summary>
public class WebhookDelivery
{
    /// <summary>The retry waits of a failed delivery: 30 seconds, doubled per attempt, up to 2 hours.</summary>
    public static readonly Common.Backoff Backoff = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(2));

    /// <summary>A new pending delivery due at <paramref name="now"/> (used by the test event and the daily digest).</summary>
    public static WebhookDelivery New(WebhookSubscription subscription, string payloadJson, DateTime now) => new()
    {
        Subscription = subscription,
        SubscriptionId = subscription.Id,
        EventId = WebhookPayloads.NewEventId(),
        EventType = subscription.EventType,
        PayloadJson = payloadJson,
        Status = WebhookDeliveryStatus.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    public long Id { get; set; }
    public int SubscriptionId { get; set; }
    public WebhookSubscription Subscription { get; set; } = null!;

    /// <summary>The <c>webhook-id</c>: the same on every attempt, so receivers can de-duplicate.</summary>
    public required string EventId { get; set; }
    public required string EventType { get; set; }
    public required string PayloadJson { get; set; }

    /// <summary>A "Send test event" delivery rather than a digest.</summary>
    public bool IsTest { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }

    /// <summary>When the next attempt is due (null once delivered or failed).</summary>
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public int? LastResponseCode { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }

    /// <summary>The message a message event is about: its deliveries to one subscriber go out in order.</summary>
    public long? MessageId { get; set; }
}

public static class WebhookEvents
{
    public const string VerificationStatus = "sms.verification.status";
    public const string MessageStatus = "message.status";
    public const string MessageInbound = "message.inbound";

    public static readonly IReadOnlyList<string> All = [VerificationStatus, MessageStatus, MessageInbound];
}

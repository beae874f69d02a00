namespace PartnerPortal.Domain.Webhooks;

public sealed record WebhookSubscriptionSummary(
    int Id,
    string Url,
    string EventType,
    bool Enabled,
    string? DisabledReason,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime? LastNotifiedAt,
    string? AccountExternalId = null,
    bool IncludeContent = false);

/// <summary>
/// A new subscription: <paramref name="EventType"/> one of <see cref="WebhookEvents.All"/>; message events may be limited
/// to one account (its <c>accountId</c>); <c>message.inbound</c> carries the reply's text only with <paramref name="IncludeContent"/>.
/// </summary>
public sealed record WebhookSubscribeRequest(
    string? Url,
    string EventType = WebhookEvents.VerificationStatus,
    string? AccountExternalId = null,
    bool IncludeContent = false);

/// <summary>A new subscription with its signing secret: the only time the secret is shown.</summary>
public sealed record WebhookSubscriptionCreated(WebhookSubscriptionSummary Subscription, string Secret);

public sealed record WebhookDeliverySummary(
    long Id,
    int SubscriptionId,
    string Url,
    string EventId,
    string EventType,
    bool IsTest,
    WebhookDeliveryStatus Status,
    int Attempts,
    int? LastResponseCode,
    string? LastError,
    DateTime CreatedAt,
    DateTime? LastAttemptAt,
    DateTime? NextAttemptAt,
    DateTime? DeliveredAt);

/// <summary>A page of deliveries, newest first; <paramref name="Page"/> is 0-based.</summary>
public sealed record WebhookDeliveryQuery(int Page = 0, int PageSize = 25, int? SubscriptionId = null);

public sealed record WebhookDeliveryList(IReadOnlyList<WebhookDeliverySummary> Items, int TotalCount);

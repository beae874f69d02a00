using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Webhooks;

/// <summary>
/// The Webhooks page (PartnerAdmin of the partner only): subscriptions to <c>sms.verification.status</c>,
/// their signing secrets (stored with Data Protection, shown once), test events and the delivery list.
/// </summary>
public sealed class WebhookService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time,
    IWebhookUrlValidator urlValidator,
    IDataProtectionProvider dataProtection,
    WebhookDeliverySignal deliverySignal)
{
    public const string SecretPurpose = "PartnerPortal.Webhooks.SigningSecret.v1";
    public const int MaxSubscriptionsPerPartner = 10;
    public const int MaxPageSize = 100;

    private static Error AdminsOnly => PortalPolicies.Refusal;

    public Task<Result<WebhookSubscriptionCreated>> SubscribeAsync(string? url, CancellationToken cancellationToken) =>
        SubscribeAsync(new WebhookSubscribeRequest(url), cancellationToken);

    public async Task<Result<WebhookSubscriptionCreated>> SubscribeAsync(WebhookSubscribeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.Url;
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        if (AdministeredPartner(actor) is not { } partnerId)
        {
            return AdminsOnly;
        }

        var validation = await urlValidator.ValidateAsync(url, cancellationToken);
        if (!validation.Succeeded)
        {
            return Result<WebhookSubscriptionCreated>.Fail(validation.Errors);
        }

        if (!WebhookEvents.All.Contains(request.EventType))
        {
            return Error.ForField("eventType", $"Choose one of {string.Join(", ", WebhookEvents.All)}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        int? accountId = null;
        if (!string.IsNullOrWhiteSpace(request.AccountExternalId))
        {
            if (request.EventType == WebhookEvents.VerificationStatus)
            {
                return Error.ForField("account", "The daily verification digest covers every account of the partner.");
            }

            var externalId = request.AccountExternalId.Trim();
            accountId = await db.Accounts.AsNoTracking().Where(a => a.PartnerId == partnerId && a.ExternalId == externalId)
                .Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
            if (accountId is null)
            {
                return Error.ForField("account", "No account of yours has this accountId.");
            }
        }

        var normalized = new Uri(url!.Trim()).AbsoluteUri;
        var all = await db.WebhookSubscriptions.Where(s => s.PartnerId == partnerId)
            .Select(s => new { s.Url, s.EventType, s.AccountId }).ToListAsync(cancellationToken);
        var existing = all.Select(s => s.Url).ToList();
        if (all.Any(s => string.Equals(s.Url, normalized, StringComparison.OrdinalIgnoreCase) && s.EventType == request.EventType && s.AccountId == accountId))
        {
            return Error.ForField("url", "This URL is already subscribed.");
        }

        if (existing.Count >= MaxSubscriptionsPerPartner)
        {
            return Error.ForField("url", $"A partner can have at most {MaxSubscriptionsPerPartner} webhook subscriptions.");
        }

        var secret = WebhookSignature.NewSecret();
        var subscription = new WebhookSubscription
        {
            PartnerId = partnerId,
            Url = normalized,
            EventType = request.EventType,
            AccountId = accountId,
            IncludeContent = request.IncludeContent && request.EventType == WebhookEvents.MessageInbound,
            ProtectedSecret = dataProtection.CreateProtector(SecretPurpose).Protect(secret),
            Enabled = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = actor.DisplayName,
        };
        db.WebhookSubscriptions.Add(subscription);
        await auditLog.InTransactionAsync(db, async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            auditLog.Add(db, actor, new AuditRecord(
                "webhook.subscribed", nameof(WebhookSubscription), subscription.Id.ToString(),
                $"Webhook subscribed to {subscription.EventType}: {subscription.Url}", PartnerId: partnerId));
        }, cancellationToken);
        return Result<WebhookSubscriptionCreated>.Ok(new WebhookSubscriptionCreated(
            ToSummary(subscription) with { AccountExternalId = accountId is null ? null : request.AccountExternalId!.Trim() }, secret));
    }

    public async Task<Result<IReadOnlyList<WebhookSubscriptionSummary>>> ListSubscriptionsAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (ReadablePartner(actor) is not { } partnerId)
        {
            return AdminsOnly;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.PartnerId == partnerId)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => new WebhookSubscriptionSummary(s.Id, s.Url, s.EventType, s.Enabled, s.DisabledReason, s.CreatedAt, s.CreatedBy, s.LastNotifiedAt,
                db.Accounts.Where(a => a.Id == s.AccountId).Select(a => a.ExternalId).FirstOrDefault(), s.IncludeContent))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<WebhookSubscriptionSummary>>.Ok(subscriptions);
    }

    /// <summary>Enables or disables a subscription (re-enabling re-checks the URL).</summary>
    public async Task<Result> SetEnabledAsync(int subscriptionId, bool enabled, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return Result.Fail(PortalPolicies.Refusal);
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        if (AdministeredPartner(actor) is not { } partnerId)
        {
            return Result.Fail(AdminsOnly);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId && s.PartnerId == partnerId, cancellationToken);
        if (subscription is null)
        {
            return Result.Fail(Error.NotFound("The webhook subscription"));
        }

        if (subscription.Enabled == enabled)
        {
            return Result.Ok();
        }

        if (enabled)
        {
            var validation = await urlValidator.ValidateAsync(subscription.Url, cancellationToken);
            if (!validation.Succeeded)
            {
                return validation;
            }
        }

        subscription.Enabled = enabled;
        subscription.DisabledReason = enabled ? null : $"Disabled by {actor.DisplayName}";
        auditLog.Add(db, actor, new AuditRecord(
            enabled ? "webhook.enabled" : "webhook.disabled", nameof(WebhookSubscription), subscription.Id.ToString(),
            $"Webhook {(enabled ? "enabled" : "disabled")}: {subscription.Url}", PartnerId: partnerId,
            Changes: [new FieldChange("Enabled", (!enabled).ToString(), enabled.ToString())]));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        if (enabled)
        {
            deliverySignal.Notify();
        }

        return Result.Ok();
    }

    /// <summary>Deletes a subscription and its delivery history.</summary>
    public async Task<Result> DeleteAsync(int subscriptionId, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return Result.Fail(PortalPolicies.Refusal);
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        if (AdministeredPartner(actor) is not { } partnerId)
        {
            return Result.Fail(AdminsOnly);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId && s.PartnerId == partnerId, cancellationToken);
        if (subscription is null)
        {
            return Result.Fail(Error.NotFound("The webhook subscription"));
        }

        db.WebhookSubscriptions.Remove(subscription);
        auditLog.Add(db, actor, new AuditRecord(
            "webhook.deleted", nameof(WebhookSubscription), subscription.Id.ToString(),
            $"Webhook deleted: {subscription.Url}", PartnerId: partnerId));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        return Result.Ok();
    }

    /// <summary>"Send test event": queues a test delivery, which the delivery worker sends at once.</summary>
    public async Task<Result<WebhookDeliverySummary>> SendTestEventAsync(int subscriptionId, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        if (AdministeredPartner(actor) is not { } partnerId)
        {
            return AdminsOnly;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId && s.PartnerId == partnerId, cancellationToken);
        if (subscription is null)
        {
            return Error.NotFound("The webhook subscription");
        }

        if (!subscription.Enabled)
        {
            return new Error("Enable the subscription before sending a test event.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var delivery = WebhookDelivery.New(subscription, WebhookPayloads.Test(now, subscription.EventType), now);
        delivery.IsTest = true;
        db.WebhookDeliveries.Add(delivery);
        auditLog.Add(db, actor, new AuditRecord(
            "webhook.test_sent", nameof(WebhookSubscription), subscription.Id.ToString(),
            $"Test event queued for {subscription.Url}", PartnerId: partnerId));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        deliverySignal.Notify();
        return Result<WebhookDeliverySummary>.Ok(ToSummary(delivery, subscription.Url));
    }

    public async Task<Result<WebhookDeliveryList>> ListDeliveriesAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (ReadablePartner(actor) is not { } partnerId)
        {
            return AdminsOnly;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.Subscription.PartnerId == partnerId);
        if (query.SubscriptionId is { } subscriptionId)
        {
            deliveries = deliveries.Where(d => d.SubscriptionId == subscriptionId);
        }

        var total = await deliveries.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await deliveries
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip(Math.Max(query.Page, 0) * pageSize)
            .Take(pageSize)
            .Select(d => new WebhookDeliverySummary(
                d.Id, d.SubscriptionId, d.Subscription.Url, d.EventId, d.EventType, d.IsTest,
                d.Status, d.Attempts, d.LastResponseCode, d.LastError, d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt, d.DeliveredAt))
            .ToListAsync(cancellationToken);
        return Result<WebhookDeliveryList>.Ok(new WebhookDeliveryList(rows, total));
    }

    private static int? AdministeredPartner(Actor actor) =>
        actor is { IsPartnerAdmin: true, PartnerId: { } partnerId, AccountId: null } && actor.Can(PortalPolicies.AdministerPartner) ? partnerId : null;

    /// <summary>The partner whose webhooks the actor may read (its admins and SupportAgents, DESIGN §1).</summary>
    private static int? ReadablePartner(Actor actor) =>
        actor is { PartnerId: { } partnerId, AccountId: null } && actor.Can(PortalPolicies.ReadPartnerSettings) ? partnerId : null;

    private static WebhookSubscriptionSummary ToSummary(WebhookSubscription s) =>
        new(s.Id, s.Url, s.EventType, s.Enabled, s.DisabledReason, s.CreatedAt, s.CreatedBy, s.LastNotifiedAt, IncludeContent: s.IncludeContent);

    private static WebhookDeliverySummary ToSummary(WebhookDelivery d, string url) =>
        new(d.Id, d.SubscriptionId, url, d.EventId, d.EventType, d.IsTest, d.Status, d.Attempts, d.LastResponseCode, d.LastError,
            d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt, d.DeliveredAt);
}

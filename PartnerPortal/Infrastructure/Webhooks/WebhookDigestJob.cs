using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Hosting;

namespace PartnerPortal.Infrastructure.Webhooks;

/// <summary>
/// The daily <c>sms.verification.status</c> digest (at <see cref="WebhookOptions.DigestTimeUtc"/>): each
/// enabled subscriber gets one delivery listing the numbers whose verification completed (approved or
/// rejected) since its last notice; nothing on a day with nothing new.
/// </summary>
public sealed class WebhookDigestJob(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    WebhookDeliverySignal signal,
    ILogger<WebhookDigestJob> logger) : DailyJob(time, logger)
{
    protected override TimeSpan TimeOfDayUtc => options.Value.DigestTimeUtc;

    protected override async Task<string> RunScheduledAsync(DateTime now, CancellationToken cancellationToken) =>
        $"{await RunDigestAsync(now, cancellationToken)} deliveries queued";

    /// <summary>Queues the digests due at <paramref name="now"/>. Returns the number of deliveries queued.</summary>
    public async Task<int> RunDigestAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscriptions = await db.WebhookSubscriptions
            .Where(s => s.Enabled && s.EventType == WebhookEvents.VerificationStatus)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);

        var queued = 0;
        foreach (var subscription in subscriptions)
        {
            // Decisions in committed order: an audit entry is written under the chain lock held until its commit, so entry ids
            // follow commit order and a decision committed while a digest ran gets a higher id than any the digest read.
            // A timestamp could not do that: a decision stamped before the run but committed after it would be skipped.
            var decisions = DecisionsOf(db, subscription.PartnerId);
            decisions = subscription.LastNotifiedAuditEntryId is { } seen
                ? decisions.Where(e => e.Id > seen)
                : decisions.Where(e => e.OccurredAt > (subscription.LastNotifiedAt ?? subscription.CreatedAt));
            var decided = await decisions.OrderBy(e => e.Id).Select(e => new { e.Id, e.EntityId }).ToListAsync(cancellationToken);
            if (decided.Count == 0)
            {
                continue;
            }

            var requestIds = decided.Select(e => int.TryParse(e.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
                .Where(id => id > 0).ToList();
            var completed = await db.VerificationRequests.AsNoTracking()
                .Where(r => r.PartnerId == subscription.PartnerId && r.Status != VerificationStatus.Pending && requestIds.Contains(r.Id))
                .OrderBy(r => r.DecidedAt).ThenBy(r => r.Id)
                .Select(r => new { r.Account.ExternalId, r.Account.BusinessName, r.DecidedAt, r.OutcomeJson })
                .ToListAsync(cancellationToken);
            var items = completed
                .SelectMany(r => WebhookPayloads.ItemsOf(r.ExternalId, r.BusinessName, r.DecidedAt!.Value, VerificationJson.ReadOutcome(r.OutcomeJson)))
                .ToList();
            if (items.Count == 0)
            {
                continue;
            }

            var delivery = WebhookDelivery.New(subscription, WebhookPayloads.VerificationStatus(now, items), now);
            db.WebhookDeliveries.Add(delivery);
            subscription.LastNotifiedAt = now;
            subscription.LastNotifiedAuditEntryId = decided[^1].Id;
            try
            {
                // LastNotifiedAt is a concurrency token: another instance running the same digest loses here.
                await db.SaveChangesAsync(cancellationToken);
                queued++;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(delivery).State = EntityState.Detached;
                db.Entry(subscription).State = EntityState.Detached;
            }
        }

        if (queued > 0)
        {
            signal.Notify();
        }

        return queued;
    }

    private static IQueryable<AuditEntry> DecisionsOf(ApplicationDbContext db, int partnerId) =>
        db.AuditEntries.AsNoTracking().Where(e => e.PartnerId == partnerId
            && (e.Action == "verification.approved" || e.Action == "verification.rejected"));
}

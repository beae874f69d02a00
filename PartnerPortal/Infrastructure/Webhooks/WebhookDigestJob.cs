using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
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
            var since = subscription.LastNotifiedAt ?? subscription.CreatedAt;
            var completed = await db.VerificationRequests.AsNoTracking()
                .Where(r => r.PartnerId == subscription.PartnerId
                    && r.Status != VerificationStatus.Pending
                    && r.DecidedAt > since && r.DecidedAt <= now)
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

            var delivery = WebhookService.NewDelivery(subscription, WebhookPayloads.VerificationStatus(now, items), now);
            db.WebhookDeliveries.Add(delivery);
            subscription.LastNotifiedAt = now;
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
}

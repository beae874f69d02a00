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
    ILogger<WebhookDigestJob> logger) : BackgroundService
{
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

    /// <summary>The next digest time strictly after <paramref name="now"/>.</summary>
    public static DateTime NextRunAfter(DateTime now, TimeSpan timeOfDayUtc)
    {
        var today = now.Date + timeOfDayUtc;
        return today > now ? today : today.AddDays(1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = NextRunAfter(now, options.Value.DigestTimeUtc);
            if (!await WorkerDelay.WaitAsync(next - now, time, stoppingToken))
            {
                return;
            }

            try
            {
                var queued = await RunDigestAsync(time.GetUtcNow().UtcDateTime, stoppingToken);
                logger.LogInformation("Webhook digest queued {Count} deliveries", queued);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Webhook digest failed");
            }
        }
    }
}

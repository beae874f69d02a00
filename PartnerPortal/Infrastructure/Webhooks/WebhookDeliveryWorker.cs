using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Hosting;

namespace PartnerPortal.Infrastructure.Webhooks;

/// <summary>
/// Sends due webhook deliveries: signed per Standard Webhooks, one attempt per delivery per pass with a
/// 10 s timeout. 2xx → Delivered; 410 → the subscription is disabled; anything else (or no answer) → retried
/// with exponential backoff and jitter, and marked Failed once an attempt fails after <see cref="WebhookOptions.RetryFor"/>
/// (24 h). Each delivery is claimed with a conditional update, so several instances never send it at the same time.
/// </summary>
public sealed class WebhookDeliveryWorker(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IHttpClientFactory httpClientFactory,
    IDataProtectionProvider dataProtection,
    IWebhookUrlValidator urlValidator,
    AuditLog auditLog,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    WebhookDeliverySignal signal,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    /// <summary>How long a claimed delivery stays invisible to other passes (longer than one attempt can take).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    private const int BatchSize = 200;

    /// <summary>One pass: attempts every delivery due at <paramref name="now"/>. Returns the number of attempts made.</summary>
    public async Task<int> DeliverDueAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        List<long> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && d.Subscription.Enabled
                    // A message's events reach a subscriber in order: not before the earlier ones of that message are done.
                    && (d.MessageId == null || !db.WebhookDeliveries.Any(e => e.SubscriptionId == d.SubscriptionId && e.MessageId == d.MessageId
                        && e.Status == WebhookDeliveryStatus.Pending && e.Id < d.Id)))
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
                .Select(d => d.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        var attempts = 0;
        await Parallel.ForEachAsync(due,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.DeliveryConcurrency), CancellationToken = cancellationToken },
            async (id, token) =>
            {
                if (await TryClaimAsync(id, now, token))
                {
                    await AttemptAsync(id, now, token);
                    Interlocked.Increment(ref attempts);
                }
            });

        return attempts;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DeliverDueAsync(time.GetUtcNow().UtcDateTime, stoppingToken) > 0)
                {
                    continue; // more may be due (message events arrive by the thousand)
                }

                await signal.WaitAsync(options.Value.DeliveryPollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Webhook delivery pass failed");
                if (!await WorkerDelay.WaitAsync(options.Value.DeliveryPollInterval, time, stoppingToken))
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> TryClaimAsync(long id, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var leaseUntil = now + ClaimLease;
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, leaseUntil), cancellationToken);
        return claimed == 1;
    }

    private async Task AttemptAsync(long id, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.Include(d => d.Subscription).FirstAsync(d => d.Id == id, cancellationToken);
        var subscription = delivery.Subscription;
        delivery.Attempts++;
        delivery.LastAttemptAt = now;

        var (code, error) = await SendAsync(delivery, subscription, now, cancellationToken);
        delivery.LastResponseCode = code;
        delivery.LastError = error;
        if (code is >= 200 and < 300)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
            delivery.LastError = null;
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        if (code == 410)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            delivery.LastError = "The endpoint answered 410 Gone: the subscription was disabled.";
            subscription.Enabled = false;
            subscription.DisabledReason = $"The endpoint answered 410 Gone on {now:yyyy-MM-dd HH:mm} UTC.";
            auditLog.Add(db, Actor.System("Webhooks"), new AuditRecord(
                "webhook.disabled", nameof(WebhookSubscription), subscription.Id.ToString(),
                $"Webhook disabled because the endpoint answered 410 Gone: {subscription.Url}", PartnerId: subscription.PartnerId,
                Changes: [new FieldChange("Enabled", bool.TrueString, bool.FalseString)]));
            await auditLog.SaveChangesAsync(db, cancellationToken);
            logger.LogInformation("Webhook subscription {SubscriptionId} disabled after 410 Gone", subscription.Id);
            return;
        }

        if (now - delivery.CreatedAt >= options.Value.RetryFor)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
        }
        else
        {
            delivery.NextAttemptAt = now + WebhookRetryPolicy.DelayAfter(delivery.Attempts, Random.Shared);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<(int? Code, string? Error)> SendAsync(WebhookDelivery delivery, WebhookSubscription subscription, DateTime now, CancellationToken cancellationToken)
    {
        var validation = await urlValidator.ValidateAsync(subscription.Url, cancellationToken);
        if (!validation.Succeeded)
        {
            return (null, validation.FirstError!.Message);
        }

        string secret;
        try
        {
            secret = dataProtection.CreateProtector(WebhookService.SecretPurpose).Unprotect(subscription.ProtectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return (null, "The signing secret could not be read; delete the subscription and subscribe again.");
        }

        var timestamp = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc)).ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.PayloadJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.IdHeader, delivery.EventId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, delivery.EventId, timestamp, delivery.PayloadJson));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            var client = httpClientFactory.CreateClient(WebhookHttp.ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return (code, code is >= 200 and < 300 ? null : $"HTTP {code} {response.ReasonPhrase}".Trim());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {options.Value.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException exception)
        {
            return (null, Truncate($"Could not connect: {exception.Message}"));
        }
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}

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
        // One claim, one read and one write for the batch (message events arrive by the thousand); the sends run in
        // parallel. The claim and the write run on a database thread (DatabaseThread), the sends on the pool.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await DatabaseThread.RunAsync(() => ClaimDueAsync(db, now, cancellationToken), cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var secrets = new Dictionary<int, (string? Secret, string? Problem)>();
        foreach (var subscription in claimed.Select(d => d.Subscription).DistinctBy(s => s.Id))
        {
            secrets[subscription.Id] = await SecretOfAsync(subscription, cancellationToken);
        }

        var results = new (int? Code, string? Error)[claimed.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, claimed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.DeliveryConcurrency), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var (secret, problem) = secrets[claimed[i].SubscriptionId];
                results[i] = secret is null ? (null, problem) : await SendAsync(claimed[i], claimed[i].Subscription, secret, now, token);
            });

        for (var i = 0; i < claimed.Count; i++)
        {
            Record(db, claimed[i], results[i].Code, results[i].Error, now);
        }

        await DatabaseThread.RunAsync(() => auditLog.SaveChangesAsync(db, cancellationToken), cancellationToken);
        return claimed.Count;
    }

    /// <summary>
    /// Claims up to <see cref="BatchSize"/> due deliveries for this pass and loads them, tracked by <paramref name="db"/>.
    /// The lease carries a random part so this pass finds exactly the rows it claimed.
    /// </summary>
    private async Task<List<WebhookDelivery>> ClaimDueAsync(ApplicationDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && d.Subscription.Enabled
                // A message's events reach a subscriber in order: not before the earlier ones of that message are done.
                && (d.MessageId == null || !db.WebhookDeliveries.Any(e => e.SubscriptionId == d.SubscriptionId && e.MessageId == d.MessageId
                    && e.Status == WebhookDeliveryStatus.Pending && e.Id < d.Id)))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .Select(d => d.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        var leaseUntil = now + ClaimLease + TimeSpan.FromTicks(Random.Shared.Next(1, 10_000_000));
        await db.WebhookDeliveries
            .Where(d => due.Contains(d.Id) && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, leaseUntil), cancellationToken);
        return await db.WebhookDeliveries.Include(d => d.Subscription)
            .Where(d => due.Contains(d.Id) && d.NextAttemptAt == leaseUntil)
            .OrderBy(d => d.Id)
            .ToListAsync(cancellationToken);
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

    /// <summary>Records one attempt's answer: 2xx → Delivered; 410 → Failed and the subscription disabled; else retried until <see cref="WebhookOptions.RetryFor"/>.</summary>
    private void Record(ApplicationDbContext db, WebhookDelivery delivery, int? code, string? error, DateTime now)
    {
        var subscription = delivery.Subscription;
        delivery.Attempts++;
        delivery.LastAttemptAt = now;
        delivery.LastResponseCode = code;
        delivery.LastError = error;
        if (code is >= 200 and < 300)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
            delivery.LastError = null;
            return;
        }

        if (code == 410)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            delivery.LastError = "The endpoint answered 410 Gone: the subscription was disabled.";
            if (subscription.Enabled)
            {
                subscription.Enabled = false;
                subscription.DisabledReason = $"The endpoint answered 410 Gone on {now:yyyy-MM-dd HH:mm} UTC.";
                auditLog.Add(db, Actor.System("Webhooks"), new AuditRecord(
                    "webhook.disabled", nameof(WebhookSubscription), subscription.Id.ToString(),
                    $"Webhook disabled because the endpoint answered 410 Gone: {subscription.Url}", PartnerId: subscription.PartnerId,
                    Changes: [new FieldChange("Enabled", bool.TrueString, bool.FalseString)]));
                logger.LogInformation("Webhook subscription {SubscriptionId} disabled after 410 Gone", subscription.Id);
            }

            return;
        }

        if (now - delivery.CreatedAt >= options.Value.RetryFor)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
        }
        else
        {
            delivery.NextAttemptAt = now + WebhookDelivery.Backoff.DelayAfter(delivery.Attempts, Random.Shared);
        }
    }

    /// <summary>The subscription's URL check and signing secret, once per pass: the secret, or why none can be used.</summary>
    private async Task<(string? Secret, string? Problem)> SecretOfAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var validation = await urlValidator.ValidateAsync(subscription.Url, cancellationToken);
        if (!validation.Succeeded)
        {
            return (null, validation.FirstError!.Message);
        }

        try
        {
            return (dataProtection.CreateProtector(WebhookService.SecretPurpose).Unprotect(subscription.ProtectedSecret), null);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return (null, "The signing secret could not be read; delete the subscription and subscribe again.");
        }
    }

    private async Task<(int? Code, string? Error)> SendAsync(WebhookDelivery delivery, WebhookSubscription subscription, string secret, DateTime now, CancellationToken cancellationToken)
    {
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

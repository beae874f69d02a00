using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Delivery;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>
/// Posts the simulated provider's reports to the app's real status callback, signed with the account's
/// callback secret exactly as a provider must, once each report is due.
/// </summary>
public sealed class SimulatedProviderReporter(
    SimulatedProvider provider,
    ProviderSecrets secrets,
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IHttpClientFactory httpClients,
    SimulatedProviderAddress address,
    TimeProvider time,
    ILogger<SimulatedProviderReporter> logger) : BackgroundService
{
    private const int Tries = 3;

    /// <summary>Signs and posts one report; returns the callback's HTTP status (null when it could not be sent).</summary>
    public async Task<int?> ReportAsync(SimulatedReport report, CancellationToken cancellationToken)
    {
        if (address.BaseUrl is not { } baseUrl)
        {
            logger.LogWarning("The simulated provider cannot report message {RetId}: the app's address is unknown", report.RetId);
            return null;
        }

        string? secret;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var settings = await secrets.EnsureAsync(db, report.AccountId, time.GetUtcNow().UtcDateTime, cancellationToken);
            secret = secrets.UnprotectCallbackSecret(settings.ProtectedCallbackSecret);
        }

        if (secret is null)
        {
            logger.LogWarning("The simulated provider cannot sign the report of message {RetId}: the callback secret is unreadable", report.RetId);
            return null;
        }

        var body = JsonSerializer.Serialize(new ProviderStatusCallback(report.RetId, report.Status, report.Reason));
        var timestamp = CallbackSignature.ToUnixSeconds(time.GetUtcNow().UtcDateTime);
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + SimulatedProviderAddress.StatusCallbackPath)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(CallbackSignature.AccountHeader, report.AccountId.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(CallbackSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(CallbackSignature.SignatureHeader, CallbackSignature.Sign(secret, timestamp, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var response = await httpClients.CreateClient(DeliveryHttp.SimulatedClient).SendAsync(request, timeout.Token);
        return (int)response.StatusCode;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!provider.Enabled)
        {
            return;
        }

        try
        {
            await foreach (var report in provider.Reports.ReadAllAsync(stoppingToken))
            {
                var wait = report.DueAt - time.GetUtcNow().UtcDateTime;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }

                await ReportWithRetriesAsync(report, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReportWithRetriesAsync(SimulatedReport report, CancellationToken stoppingToken)
    {
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            try
            {
                var status = await ReportAsync(report, stoppingToken);
                if (status is >= 200 and < 300 or null)
                {
                    return;
                }

                logger.LogWarning("The status callback for message {RetId} answered {Status}", report.RetId, status);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // One report's failure never stops the reporter.
                logger.LogWarning(exception, "The status callback for message {RetId} failed", report.RetId);
            }

            if (attempt < Tries)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), time, stoppingToken);
            }
        }
    }
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Infrastructure.Hosting;

namespace PartnerPortal.Infrastructure.Delivery;

/// <summary>
/// Rate limit on refused provider callbacks, per client address: each 401/404 takes a token from the address's
/// bucket (<c>Delivery:RefusedCallbacksPerMinute</c>, also the burst); an address with an empty bucket is answered 429
/// before its body is read or the database is asked anything. Accepted callbacks take nothing, so a provider that
/// signs correctly is never slowed by someone else's forgeries.
/// </summary>
public sealed class CallbackRefusalLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public CallbackRefusalLimiter(IOptions<DeliveryOptions> options)
    {
        var perMinute = options.Value.RefusedCallbacksPerMinute;
        if (perMinute > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ =>
                new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = Math.Max(1, perMinute / 60),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(perMinute >= 60 ? 1 : 60.0 / perMinute),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        }
    }

    /// <summary>True when the address has used up its refusals: answer 429 without doing anything else.</summary>
    public bool IsLimited(HttpContext http)
    {
        if (_limiter is null)
        {
            return false;
        }

        // Looks at the bucket without taking a token (only refusals take one).
        return _limiter.GetStatistics(AddressOf(http)) is { CurrentAvailablePermits: <= 0 };
    }

    /// <summary>Counts one refused request of the address.</summary>
    public void Refused(HttpContext http)
    {
        _limiter?.AttemptAcquire(AddressOf(http)).Dispose();
    }

    private static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _limiter?.Dispose();
}

/// <summary>Writes the refused-callback counts kept in memory to the accounts' SMS Settings every few seconds.</summary>
public sealed class RefusedCallbackWriter(ProviderCallbackService callbacks, TimeProvider time, ILogger<RefusedCallbackWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await WorkerDelay.WaitAsync(ProviderCallbackService.RefusalWriteInterval, time, stoppingToken))
        {
            try
            {
                await callbacks.WriteRefusalsAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Writing the refused-callback counts failed; trying again later");
            }
        }

        await callbacks.WriteRefusalsAsync(CancellationToken.None);
    }
}

namespace PartnerPortal.Infrastructure.Hosting;

/// <summary>A background job that runs once a day at a configured UTC time of day (the clock is the <see cref="TimeProvider"/>).</summary>
public abstract class DailyJob(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The job's clock, for subclasses (one captured copy).</summary>
    protected TimeProvider Time => time;

    /// <summary>When the job runs each day (UTC).</summary>
    protected abstract TimeSpan TimeOfDayUtc { get; }

    /// <summary>One run; returns a line for the log.</summary>
    protected abstract Task<string> RunScheduledAsync(DateTime now, CancellationToken cancellationToken);

    /// <summary>The next run time strictly after <paramref name="now"/>.</summary>
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
            if (!await WorkerDelay.WaitAsync(NextRunAfter(now, TimeOfDayUtc) - now, time, stoppingToken))
            {
                return;
            }

            try
            {
                var outcome = await RunScheduledAsync(time.GetUtcNow().UtcDateTime, stoppingToken);
                logger.LogInformation("{Job}: {Outcome}", GetType().Name, outcome);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "{Job} failed", GetType().Name);
            }
        }
    }
}

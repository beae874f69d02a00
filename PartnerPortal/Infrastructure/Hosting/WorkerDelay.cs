namespace PartnerPortal.Infrastructure.Hosting;

/// <summary>A delay for background loops that ends quietly when the host stops.</summary>
public static class WorkerDelay
{
    /// <summary>Waits <paramref name="delay"/> on <paramref name="time"/>; false when the host is stopping.</summary>
    public static async Task<bool> WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

namespace PartnerPortal.Domain.Webhooks;

/// <summary>Wakes the delivery worker when a delivery was queued (e.g. "Send test event"), so it does not wait for its next poll.</summary>
public sealed class WebhookDeliverySignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits until notified or <paramref name="timeout"/> passed on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, linked.Token);
        var signalled = _signal.WaitAsync(linked.Token);
        await Task.WhenAny(delay, signalled);
        await linked.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}

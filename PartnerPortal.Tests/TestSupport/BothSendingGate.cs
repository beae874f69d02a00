namespace PartnerPortal.Tests.TestSupport;

/// <summary>
/// For a provider stub that two senders call, each allowed <c>perSender</c> requests in flight: holds every request
/// until more than one sender's worth are waiting at once, which proves both are sending however fast one of them is.
/// A gate that never opens fails the test (its wait times out) instead of passing it.
/// </summary>
public sealed class BothSendingGate(int perSender)
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    public async Task PassAsync()
    {
        if (Interlocked.Increment(ref _inFlight) > perSender)
        {
            _open.TrySetResult();
        }

        try
        {
            await _open.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

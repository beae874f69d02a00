namespace PartnerPortal.Infrastructure.Hosting;

/// <summary>
/// Runs a background job's database work on a thread of its own instead of a thread-pool thread. Microsoft.Data.Sqlite's
/// <c>…Async</c> methods complete synchronously, so a batch of SQLite statements holds its thread from start to end; on
/// the pool (one thread per core to start with) that delayed every continuation waiting behind it: provider answers of
/// the dispatcher, circuits' events, requests (README "Dispatcher"). Work that awaits real I/O (PostgreSQL, HTTP) goes
/// back to the pool at its first such await, as before.
/// </summary>
public static class DatabaseThread
{
    public static Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default)
            .Unwrap();
}

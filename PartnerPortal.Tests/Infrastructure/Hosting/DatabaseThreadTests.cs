using PartnerPortal.Infrastructure.Hosting;

namespace PartnerPortal.Tests.Infrastructure.Hosting;

public sealed class DatabaseThreadTests
{
    [Fact]
    public async Task RunAsync_WorkThatCompletesSynchronously_RunsOutsideTheThreadPoolAndReturnsItsResult()
    {
        var (onPool, result) = await DatabaseThread.RunAsync(() => Task.FromResult((Thread.CurrentThread.IsThreadPoolThread, 42)), CancellationToken.None);

        onPool.Should().BeFalse("SQLite's statements would hold a pool thread");
        result.Should().Be(42);
    }

    [Fact]
    public async Task RunAsync_WorkThatFails_PassesItsExceptionOn()
    {
        var run = () => DatabaseThread.RunAsync<int>(() => throw new InvalidOperationException("database gone"), CancellationToken.None);

        await run.Should().ThrowAsync<InvalidOperationException>().WithMessage("database gone");
    }

    [Fact]
    public async Task RunAsync_AlreadyCancelled_DoesNotStartTheWork()
    {
        var started = false;
        var run = () => DatabaseThread.RunAsync(() => { started = true; return Task.FromResult(0); }, new CancellationToken(canceled: true));

        await run.Should().ThrowAsync<OperationCanceledException>();
        started.Should().BeFalse();
    }
}

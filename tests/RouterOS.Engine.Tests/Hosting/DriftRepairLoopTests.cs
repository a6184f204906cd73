using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RouterOS.Engine.Hosting;

namespace RouterOS.Engine.Tests.Hosting;

public sealed class DriftRepairLoopTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_repair_that_throws_does_not_end_the_loop()
    {
        var time = new FakeTimeProvider();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var loop = DriftRepairLoop.RunAsync(() =>
        {
            if (++calls == 1)
            {
                first.SetResult();
                throw new InvalidOperationException("a repair that fails");
            }
            second.TrySetResult();
            return Task.CompletedTask;
        }, Interval, time, NullLogger.Instance, stop.Token);

        time.Advance(Interval);
        await first.Task.WaitAsync(TestContext.Current.CancellationToken);
        time.Advance(Interval);

        // A loop that ended on the exception finishes first, and faulted.
        Assert.Same(second.Task, await Task.WhenAny(second.Task, loop));
        await stop.CancelAsync();
        await loop;
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Stopping_ends_the_loop_without_an_exception()
    {
        using var stop = new CancellationTokenSource();
        var loop = DriftRepairLoop.RunAsync(() => Task.CompletedTask, Interval, new FakeTimeProvider(), NullLogger.Instance, stop.Token);

        await stop.CancelAsync();

        await loop;
        Assert.True(loop.IsCompletedSuccessfully);
    }
}

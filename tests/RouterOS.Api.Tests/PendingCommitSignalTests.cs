using Microsoft.Extensions.Time.Testing;
using RouterOS.Api.Commits;

namespace RouterOS.Api.Tests;

public sealed class PendingCommitSignalTests
{
    [Fact]
    public async Task A_wait_that_timed_out_does_not_swallow_the_next_signal()
    {
        using var signal = new PendingCommitSignal();
        var time = new FakeTimeProvider();
        var cancel = TestContext.Current.CancellationToken;

        var first = signal.WaitAsync(TimeSpan.FromSeconds(1), time, cancel);
        time.Advance(TimeSpan.FromSeconds(2));
        await first.WaitAsync(TimeSpan.FromSeconds(10), cancel);

        var second = signal.WaitAsync(TimeSpan.FromHours(1), time, cancel);
        signal.Notify();
        await second.WaitAsync(TimeSpan.FromSeconds(10), cancel); // throws TimeoutException if the signal was lost
    }

    [Fact]
    public async Task A_signal_ends_the_wait_before_its_timeout()
    {
        using var signal = new PendingCommitSignal();
        var wait = signal.WaitAsync(TimeSpan.FromHours(1), new FakeTimeProvider(), TestContext.Current.CancellationToken);
        signal.Notify();
        await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}

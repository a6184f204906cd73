using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Api.Engine;

namespace RouterOS.Api.Tests;

/// <summary>The follower of the engine's streams: a fault in handling a message never ends it.</summary>
public sealed class EngineWatchTests
{
    [Fact]
    public async Task A_message_whose_handling_throws_is_logged_and_the_stream_followed_again()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var opened = 0;
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var downs = new List<string?>();

        var follower = EngineWatch.FollowAsync(
            token => Messages(Interlocked.Increment(ref opened) == 1 ? "poison" : "fine", token),
            message => message == "poison" ? throw new InvalidOperationException("a bug in handling it") : Done(handled, message),
            error =>
            {
                downs.Add(error);
                return Task.CompletedTask;
            },
            NullLogger.Instance,
            stop.Token);

        Assert.Equal("fine", await handled.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Contains("a bug in handling it", downs);
        await stop.CancelAsync();
        await follower.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    private static Task Done(TaskCompletionSource<string> handled, string message)
    {
        handled.TrySetResult(message);
        return Task.CompletedTask;
    }

    private static async IAsyncEnumerable<string> Messages(string message, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return message;
        // Then the stream stays open, as the engine's does.
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}

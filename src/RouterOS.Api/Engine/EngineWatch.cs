namespace RouterOS.Api.Engine;

/// <summary>
/// Follows one of the engine's streams for as long as the host runs, reconnecting (with a growing
/// pause, 0.5 s doubling up to 10 s) whenever the engine goes away or restarts. A fault in handling a
/// message is logged and treated like a broken stream: no exception ends the follower, or the host.
/// </summary>
public static partial class EngineWatch
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(10);

    /// <param name="open">Opens the stream (e.g. <see cref="IEngineClient.WatchFlowsAsync"/>).</param>
    /// <param name="onItem">Each message, in order.</param>
    /// <param name="onDown">After the stream broke, with why, before the pause.</param>
    /// <param name="log">Where faults other than the engine's going away are logged, with their stack.</param>
    public static async Task FollowAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> open, Func<T, Task> onItem, Func<string?, Task> onDown, ILogger log, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(onItem);
        ArgumentNullException.ThrowIfNull(onDown);
        var pause = FirstPause;
        while (!stoppingToken.IsCancellationRequested)
        {
            string? error = null;
            try
            {
                await foreach (var item in open(stoppingToken))
                {
                    await onItem(item);
                    pause = FirstPause;
                }
            }
            catch (Exception exception) when (exception is EngineUnavailableException or EngineFailedException)
            {
                error = exception.Message;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogFault(log, exception);
                error = exception.Message;
            }
            try
            {
                await onDown(error);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFault(log, exception);
            }
            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, pause.Ticks * 2));
        }
    }

    [LoggerMessage(LogLevel.Error, "Following an engine stream failed; following it again")]
    private static partial void LogFault(ILogger logger, Exception exception);
}

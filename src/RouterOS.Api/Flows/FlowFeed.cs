using RouterOS.Api.Engine;

namespace RouterOS.Api.Flows;

/// <summary>
/// Keeps <see cref="FlowCache"/> fed from the engine's flow stream, reconnecting (with a growing
/// pause, up to 10 s) whenever the engine goes away or restarts.
/// </summary>
public sealed partial class FlowFeed(IEngineClient engine, FlowCache cache, ILogger<FlowFeed> logger) : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = FirstPause;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var update in engine.WatchFlowsAsync(stoppingToken))
                {
                    cache.Apply(update);
                    pause = FirstPause;
                }
            }
            catch (Exception exception) when (exception is EngineUnavailableException or EngineFailedException)
            {
                LogStreamDown(exception.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            cache.Disconnected();
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

    [LoggerMessage(LogLevel.Warning, "The engine's flow stream is down: {Error}; reconnecting")]
    private partial void LogStreamDown(string error);
}

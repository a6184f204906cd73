using RouterOS.Api.Engine;

namespace RouterOS.Api.Flows;

/// <summary>Keeps <see cref="FlowCache"/> fed from the engine's flow stream, reconnecting whenever the engine goes away or restarts.</summary>
public sealed partial class FlowFeed(IEngineClient engine, FlowCache cache, ILogger<FlowFeed> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => EngineWatch.FollowAsync(engine.WatchFlowsAsync,
        update =>
        {
            cache.Apply(update);
            return Task.CompletedTask;
        },
        error =>
        {
            if (error is not null)
                LogStreamDown(error);
            cache.Disconnected();
            return Task.CompletedTask;
        },
        logger,
        stoppingToken);

    [LoggerMessage(LogLevel.Warning, "The engine's flow stream is down: {Error}; reconnecting")]
    private partial void LogStreamDown(string error);
}

using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;

namespace RouterOS.Api.Uplinks;

/// <summary>
/// Follows the engine's uplink stream and passes every snapshot to the browsers on
/// <see cref="UplinkHub"/>, reconnecting whenever the engine goes away or restarts.
/// </summary>
public sealed partial class UplinkFeed(IEngineClient engine, IHubContext<UplinkHub> hub, ILogger<UplinkFeed> logger) : BackgroundService
{
    private volatile UplinkSnapshot _latest = new([], Connected: false);

    public UplinkSnapshot Latest => _latest;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => EngineWatch.FollowAsync(engine.WatchUplinksAsync,
        uplinks => PublishAsync(new UplinkSnapshot(uplinks, Connected: true)),
        async error =>
        {
            if (error is not null)
                LogStreamDown(error);
            if (_latest.Connected)
                await PublishAsync(_latest with { Connected = false });
        },
        logger,
        stoppingToken);

    private async Task PublishAsync(UplinkSnapshot snapshot)
    {
        _latest = snapshot;
        await hub.Clients.All.SendAsync(LiveHubs.UplinkSnapshotMethod, snapshot);
    }

    [LoggerMessage(LogLevel.Warning, "The engine's uplink stream is down: {Error}; reconnecting")]
    private partial void LogStreamDown(string error);
}

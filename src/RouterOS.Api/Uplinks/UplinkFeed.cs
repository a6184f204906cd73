using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;

namespace RouterOS.Api.Uplinks;

/// <summary>
/// Follows the engine's uplink stream and passes every snapshot to the browsers on
/// <see cref="UplinkHub"/>, reconnecting whenever the engine goes away or restarts. The one follower
/// that tells <see cref="EngineRestarts"/> of its stream breaking and coming back (one is enough, and
/// this stream is the quietest: a message on connecting, then only on change).
/// </summary>
public sealed partial class UplinkFeed(IEngineClient engine, IHubContext<UplinkHub> hub, EngineRestarts restarts, ILogger<UplinkFeed> logger) : BackgroundService
{
    private volatile UplinkSnapshot _latest = new([], Connected: false);

    public UplinkSnapshot Latest => _latest;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => EngineWatch.FollowAsync(engine.WatchUplinksAsync,
        async uplinks =>
        {
            await PublishAsync(new UplinkSnapshot(uplinks, Connected: true));
            await restarts.StreamUpAsync(stoppingToken);
        },
        async error =>
        {
            restarts.StreamDown();
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

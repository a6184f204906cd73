using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;

namespace RouterOS.Api.Links;

/// <summary>
/// Follows the engine's link stream, keeps the latest table for GET /api/v1/status/links and
/// passes every table to the browsers on <see cref="LinkHub"/>, reconnecting whenever the engine
/// goes away or restarts.
/// </summary>
public sealed partial class LinkFeed(IEngineClient engine, IHubContext<LinkHub> hub, ILogger<LinkFeed> logger) : BackgroundService
{
    private volatile LinkSnapshotView _latest = new([], At: null, Connected: false);

    public LinkSnapshotView Latest => _latest;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => EngineWatch.FollowAsync(engine.WatchLinksAsync,
        PublishAsync,
        async error =>
        {
            if (error is not null)
                LogStreamDown(error);
            if (_latest.Connected)
                await PublishAsync(_latest with { Connected = false });
        },
        logger,
        stoppingToken);

    private async Task PublishAsync(LinkSnapshotView snapshot)
    {
        _latest = snapshot;
        await hub.Clients.All.SendAsync(LiveHubs.LinkSnapshotMethod, snapshot);
    }

    [LoggerMessage(LogLevel.Warning, "The engine's link stream is down: {Error}; reconnecting")]
    private partial void LogStreamDown(string error);
}

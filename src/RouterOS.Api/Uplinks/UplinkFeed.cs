using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using RouterOS.Api.Live;

namespace RouterOS.Api.Uplinks;

/// <summary>
/// Follows the engine's uplink stream and passes every snapshot to the browsers on
/// <see cref="UplinkHub"/>. The one follower that tells <see cref="EngineRestarts"/> of its stream
/// breaking and coming back (one is enough, and this stream is the quietest: a message on
/// connecting, then only on change).
/// </summary>
public sealed class UplinkFeed(IEngineClient engine, IHubContext<UplinkHub> hub, EngineRestarts restarts, ILogger<UplinkFeed> logger)
    : LatestValueFeed<IReadOnlyList<UplinkStatusView>, UplinkSnapshot, UplinkHub>(hub, LiveHubs.UplinkSnapshotMethod, new([], Connected: false), logger)
{
    protected override string StreamName => "uplink";

    protected override IAsyncEnumerable<IReadOnlyList<UplinkStatusView>> Open(CancellationToken cancellationToken) => engine.WatchUplinksAsync(cancellationToken);

    protected override UplinkSnapshot Connected(IReadOnlyList<UplinkStatusView> message) => new(message, Connected: true);

    protected override UplinkSnapshot? Disconnected(UplinkSnapshot latest) => latest.Connected ? latest with { Connected = false } : null;

    protected override Task StreamUpAsync(CancellationToken stoppingToken) => restarts.StreamUpAsync(stoppingToken);

    protected override void StreamDown() => restarts.StreamDown();
}

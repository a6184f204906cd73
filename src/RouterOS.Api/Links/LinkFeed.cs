using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using RouterOS.Api.Live;

namespace RouterOS.Api.Links;

/// <summary>
/// Follows the engine's link stream, keeps the latest table for GET /api/v1/status/links and
/// passes every table to the browsers on <see cref="LinkHub"/>.
/// </summary>
public sealed class LinkFeed(IEngineClient engine, IHubContext<LinkHub> hub, ILogger<LinkFeed> logger)
    : LatestValueFeed<LinkSnapshotView, LinkSnapshotView, LinkHub>(hub, LiveHubs.LinkSnapshotMethod, new([], At: null, Connected: false), logger)
{
    protected override string StreamName => "link";

    protected override IAsyncEnumerable<LinkSnapshotView> Open(CancellationToken cancellationToken) => engine.WatchLinksAsync(cancellationToken);

    protected override LinkSnapshotView Connected(LinkSnapshotView message) => message;

    protected override LinkSnapshotView? Disconnected(LinkSnapshotView latest) => latest.Connected ? latest with { Connected = false } : null;
}

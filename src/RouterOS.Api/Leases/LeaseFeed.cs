using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using RouterOS.Api.Live;

namespace RouterOS.Api.Leases;

/// <summary>
/// Follows the engine's lease stream (dnsmasq's lease file, watched) and passes every list to the
/// browsers on <see cref="LeaseHub"/>: a new lease, a renewal or a lease gone shows at once.
/// </summary>
public sealed class LeaseFeed(IEngineClient engine, IHubContext<LeaseHub> hub, ILogger<LeaseFeed> logger)
    : LatestValueFeed<IReadOnlyList<DhcpLeaseView>, DhcpLeaseSnapshot, LeaseHub>(hub, LiveHubs.LeaseSnapshotMethod, new([], Connected: false), logger)
{
    protected override string StreamName => "lease";

    protected override IAsyncEnumerable<IReadOnlyList<DhcpLeaseView>> Open(CancellationToken cancellationToken) => engine.WatchDhcpLeasesAsync(cancellationToken);

    protected override DhcpLeaseSnapshot Connected(IReadOnlyList<DhcpLeaseView> message) => new(message, Connected: true);

    protected override DhcpLeaseSnapshot? Disconnected(DhcpLeaseSnapshot latest) => latest.Connected ? latest with { Connected = false } : null;
}

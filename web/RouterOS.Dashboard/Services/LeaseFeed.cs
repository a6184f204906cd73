using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The live leases hub (/hubs/leases): the leases the router's DHCP server has handed out, whole,
/// sent again whenever dnsmasq's lease file changes (a new lease, a renewal, a lease gone).
/// </summary>
public sealed class LeaseFeed(IHubSource hubs, LiveConnection live) : HubSnapshotFeed<DhcpLeaseSnapshot>(hubs, live, LiveHubs.LeasesPath, LiveHubs.LeaseSnapshotMethod);

using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>The live uplinks hub (/hubs/uplinks): the last snapshot it sent (every uplink, whole, after each change).</summary>
public sealed class UplinkFeed(IHubSource hubs, LiveConnection live) : HubSnapshotFeed<UplinkSnapshot>(hubs, live, LiveHubs.UplinksPath, LiveHubs.UplinkSnapshotMethod)
{
    public IReadOnlyList<UplinkStatusView> Uplinks => Snapshot?.Uplinks ?? [];
}

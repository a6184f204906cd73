using Microsoft.AspNetCore.Authorization;
using RouterOS.Api.Auth;
using RouterOS.Api.Contracts;
using RouterOS.Api.Live;

namespace RouterOS.Api.Leases;

/// <summary>
/// The DHCP server's leases, live, for the dashboard at <see cref="LiveHubs.LeasesPath"/>: a browser
/// gets the latest list on connecting and each new one after that (<see cref="LeaseFeed"/> sends them).
/// </summary>
[Authorize(Policy = AuthNames.ReadPolicy)]
public sealed class LeaseHub(LeaseFeed feed) : LatestValueHub<IReadOnlyList<DhcpLeaseView>, DhcpLeaseSnapshot, LeaseHub>(feed);

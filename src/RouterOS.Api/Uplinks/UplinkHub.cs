using Microsoft.AspNetCore.Authorization;
using RouterOS.Api.Auth;
using RouterOS.Api.Contracts;
using RouterOS.Api.Live;

namespace RouterOS.Api.Uplinks;

/// <summary>
/// Live uplink states for the dashboard at <see cref="LiveHubs.UplinksPath"/>: a browser gets the
/// current snapshot (every uplink's status, whole) on connecting and a new one after every change
/// (<see cref="UplinkFeed"/> sends them).
/// </summary>
[Authorize(Policy = AuthNames.ReadPolicy)]
public sealed class UplinkHub(UplinkFeed feed) : LatestValueHub<IReadOnlyList<UplinkStatusView>, UplinkSnapshot, UplinkHub>(feed);

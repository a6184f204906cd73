using Microsoft.AspNetCore.Authorization;
using RouterOS.Api.Auth;
using RouterOS.Api.Contracts;
using RouterOS.Api.Live;

namespace RouterOS.Api.Links;

/// <summary>
/// The kernel's links, live, for the dashboard at <see cref="LiveHubs.LinksPath"/>: a browser gets
/// the latest table on connecting and each new one after that (<see cref="LinkFeed"/> sends them).
/// </summary>
[Authorize(Policy = AuthNames.ReadPolicy)]
public sealed class LinkHub(LinkFeed feed) : LatestValueHub<LinkSnapshotView, LinkSnapshotView, LinkHub>(feed);

using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The live links hub (/hubs/links): the last table the engine's link watch produced (every link,
/// whole, after each kernel change and once a second).
/// </summary>
public sealed class LinkFeed(IHubSource hubs, LiveConnection live) : HubSnapshotFeed<LinkSnapshotView>(hubs, live, LiveHubs.LinksPath, LiveHubs.LinkSnapshotMethod);

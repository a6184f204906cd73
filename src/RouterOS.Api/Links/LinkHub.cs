using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Auth;
using RouterOS.Api.Contracts;

namespace RouterOS.Api.Links;

/// <summary>
/// The kernel's links, live, for the dashboard at <see cref="LiveHubs.LinksPath"/>: a browser gets
/// the latest table on connecting and each new one after that (<see cref="LinkFeed"/> sends them).
/// </summary>
[Authorize(Policy = AuthNames.ReadPolicy)]
public sealed class LinkHub(LinkFeed feed) : Hub
{
    public override async Task OnConnectedAsync()
    {
        await Clients.Caller.SendAsync(LiveHubs.LinkSnapshotMethod, feed.Latest, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Auth;
using RouterOS.Api.Contracts;

namespace RouterOS.Api.Uplinks;

/// <summary>What a browser receives: every uplink's status, whole, whenever any of them changes.</summary>
public interface IUplinkClient
{
    Task Uplinks(UplinkSnapshot snapshot);
}

/// <summary>
/// Live uplink states for the dashboard at /hubs/uplinks: a browser gets the current snapshot on
/// connecting and a new one after every change (<see cref="UplinkFeed"/> sends them).
/// </summary>
[Authorize(Policy = AuthNames.ReadPolicy)]
public sealed class UplinkHub(UplinkFeed feed) : Hub<IUplinkClient>
{
    public override async Task OnConnectedAsync()
    {
        await Clients.Caller.Uplinks(feed.Latest);
        await base.OnConnectedAsync();
    }
}

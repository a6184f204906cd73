using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Auth;
using RouterOS.Api.Contracts;

namespace RouterOS.Api.Changes;

/// <summary>
/// The change state, live, for the dashboard at <see cref="LiveHubs.ChangesPath"/>: a browser gets
/// the current state on connecting (again after every reconnect) and each new one after that.
/// <see cref="ChangeFeed"/> sends both, from one loop, so a browser never gets an older state after a newer one.
/// </summary>
[Authorize(Policy = AuthNames.ReadPolicy)]
public sealed class ChangeHub(ChangeFeed feed) : Hub
{
    public override async Task OnConnectedAsync()
    {
        feed.Welcome(Context.ConnectionId);
        await base.OnConnectedAsync();
    }
}

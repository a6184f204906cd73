using Microsoft.AspNetCore.SignalR;

namespace RouterOS.Api.Live;

/// <summary>
/// A hub that only sends: the latest snapshot of <paramref name="feed"/> to a browser as it connects,
/// so a page has something to show at once; every later one comes from the feed itself. Each
/// concrete hub carries its own [Authorize], so what it requires is read where it is mapped.
/// </summary>
public abstract class LatestValueHub<TMessage, TSnapshot, THub>(LatestValueFeed<TMessage, TSnapshot, THub> feed) : Hub
    where TSnapshot : class
    where THub : Hub
{
    public override async Task OnConnectedAsync()
    {
        await Clients.Caller.SendAsync(feed.Method, feed.Latest, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR.Client;

namespace RouterOS.Dashboard.Services;

/// <summary>The API's hubs, on this origin (the session cookie goes with them), read with the dashboard's source-generated JSON.</summary>
public sealed class SignalRHubSource(NavigationManager navigation) : IHubSource
{
    public async Task<IAsyncDisposable> SubscribeAsync<T>(string path, string method, Action<T> received, Action<bool> connected)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(connected);
        var hub = new HubConnectionBuilder().WithUrl(navigation.ToAbsoluteUri(path.TrimStart('/'))).WithAutomaticReconnect(new HubRetry())
            .AddJsonProtocol(json => json.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJson.Default))
            .Build();
        hub.On(method, received);
        LiveConnection.Watch(hub, connected);
        try
        {
            await hub.StartAsync();
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
        return hub;
    }
}

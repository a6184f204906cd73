using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR.Client;
using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The live links hub (/hubs/links): holds the last table the engine's link watch produced (every
/// link, whole, after each kernel change and once a second). Pages read <see cref="Snapshot"/> and
/// are told by <see cref="Changed"/>.
/// </summary>
public sealed class LinkFeed(NavigationManager navigation) : IAsyncDisposable
{
    private HubConnection? _hub;

    public event Action? Changed;

    public LinkSnapshotView? Snapshot { get; private set; }

    public async Task StartAsync()
    {
        if (_hub is not null)
            return;
        _hub = new HubConnectionBuilder().WithUrl(navigation.ToAbsoluteUri(LiveHubs.LinksPath.TrimStart('/'))).WithAutomaticReconnect()
            .AddJsonProtocol(json => json.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJson.Default))
            .Build();
        _hub.On<LinkSnapshotView>(LiveHubs.LinkSnapshotMethod, snapshot =>
        {
            Snapshot = snapshot;
            Changed?.Invoke();
        });
        await _hub.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
            await _hub.DisposeAsync();
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR.Client;
using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The live uplinks hub (/hubs/uplinks): holds the last snapshot it was sent (every uplink, whole,
/// after each change). Pages read <see cref="Snapshot"/> and are told by <see cref="Changed"/>.
/// </summary>
public sealed class UplinkFeed(NavigationManager navigation) : IAsyncDisposable
{
    private HubConnection? _hub;

    public event Action? Changed;

    public UplinkSnapshot? Snapshot { get; private set; }

    public IReadOnlyList<UplinkStatusView> Uplinks => Snapshot?.Uplinks ?? [];

    public async Task StartAsync()
    {
        if (_hub is not null)
            return;
        _hub = new HubConnectionBuilder().WithUrl(navigation.ToAbsoluteUri(LiveHubs.UplinksPath.TrimStart('/'))).WithAutomaticReconnect()
            .AddJsonProtocol(json => json.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJson.Default))
            .Build();
        _hub.On<UplinkSnapshot>(LiveHubs.UplinkSnapshotMethod, snapshot =>
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

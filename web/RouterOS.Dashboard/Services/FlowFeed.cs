using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RouterOS.Api.Contracts;
using RouterOS.Domain.Flows;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The live flows hub (/hubs/flows): subscribes with the page's query and keeps the rows it is
/// sent, applying each delta. Pages read <see cref="Rows"/> and <see cref="Totals"/> and are told
/// by <see cref="Changed"/>.
/// </summary>
public sealed class FlowFeed(NavigationManager navigation, LiveConnection live) : IAsyncDisposable
{
    private readonly Dictionary<ulong, FlowView> _rows = [];
    private HubConnection? _hub;
    private FlowSubscribeRequest _query = new();

    public event Action? Changed;

    public IReadOnlyList<FlowView> Rows { get; private set; } = [];

    public FlowTotals? Totals { get; private set; }

    public int Matching { get; private set; }

    public bool Connected { get; private set; }

    public string? Error { get; private set; }

    public async Task SubscribeAsync(FlowSubscribeRequest query)
    {
        _query = query;
        if (_hub is null)
        {
            _hub = new HubConnectionBuilder().WithUrl(navigation.ToAbsoluteUri(LiveHubs.FlowsPath.TrimStart('/'))).WithAutomaticReconnect(new HubRetry())
                .AddJsonProtocol(json => json.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJson.Default))
                .Build();
            _hub.On<FlowPageDelta>(LiveHubs.FlowUpdate, Apply);
            LiveConnection.Watch(_hub, connected => live.Report(LiveHubs.FlowsPath, connected));
            // After a reconnect the server has forgotten the query: ask again.
            _hub.Reconnected += _ => _hub.InvokeAsync(LiveHubs.FlowSubscribe, _query);
            await _hub.StartAsync();
        }
        try
        {
            Error = null;
            await _hub.InvokeAsync(LiveHubs.FlowSubscribe, query);
        }
        catch (HubException exception)
        {
            Error = exception.Message.Replace("An unexpected error occurred invoking 'Subscribe' on the server. HubException: ", "", StringComparison.Ordinal);
            Changed?.Invoke();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }

    private void Apply(FlowPageDelta delta)
    {
        if (delta.Reset)
        {
            _rows.Clear();
        }
        foreach (var id in delta.Removed)
        {
            _rows.Remove(id);
        }
        foreach (var row in delta.Upserts)
        {
            _rows[row.Id] = row;
        }
        Rows = [.. delta.Order.Select(id => _rows.GetValueOrDefault(id)).OfType<FlowView>()];
        Totals = delta.Totals ?? Totals;
        Matching = delta.Matching;
        Connected = delta.Connected;
        Changed?.Invoke();
    }
}

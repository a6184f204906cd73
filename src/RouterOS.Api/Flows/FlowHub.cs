using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Auth;
using RouterOS.Api.Store;

namespace RouterOS.Api.Flows;

/// <summary>What a browser receives: only the rows it displays, as changes against what it was sent last.</summary>
public interface IFlowClient
{
    Task Update(FlowPageDelta delta);
}

/// <summary>A browser's query (the same parameters as GET /api/v1/flows).</summary>
public sealed record FlowSubscribeRequest(string? Filter = null, string? Sort = null, string? Order = null, int? Offset = null, int? Limit = null);

/// <param name="Reset">Forget the rows held: <see cref="Upserts"/> are all of them (first update, or a new query).</param>
/// <param name="Upserts">Rows new to the page or changed since the last update.</param>
/// <param name="Removed">Rows no longer on the page.</param>
/// <param name="Order">The page's rows in display order.</param>
/// <param name="Matching">How many flows match the filter (the page shows at most the query's limit).</param>
/// <param name="Connected">False while the engine's flow stream is down.</param>
public sealed record FlowPageDelta(bool Reset, IReadOnlyList<FlowView> Upserts, IReadOnlyList<ulong> Removed, IReadOnlyList<ulong> Order, int Matching, int Total, FlowTotals? Totals, bool Connected);

/// <summary>
/// Live flows for the dashboard at /hubs/flows. A browser calls <see cref="Subscribe"/> with its
/// query (again whenever the user changes it) and then receives <see cref="IFlowClient.Update"/>
/// calls; <see cref="FlowHubPublisher"/> sends them.
/// </summary>
[Authorize(Policy = AuthNames.ReadPolicy)]
public sealed class FlowHub(FlowHubSubscribers subscribers, RevisionStore revisions) : Hub<IFlowClient>
{
    public async Task Subscribe(FlowSubscribeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var needsInterfaces = request.Filter?.Contains("iface:", StringComparison.OrdinalIgnoreCase) == true
            || request.Filter?.Contains("interface:", StringComparison.OrdinalIgnoreCase) == true;
        var running = needsInterfaces ? (await revisions.RunningAsync(Context.ConnectionAborted))?.Config : null;
        var (query, parameter, error) = FlowQuery.Parse(request.Filter, request.Sort, request.Order, request.Offset, request.Limit, InterfaceNetworks.From(running));
        if (query is null)
        {
            throw new HubException($"{parameter}: {error}");
        }
        subscribers.Set(Context.ConnectionId, query);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscribers.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

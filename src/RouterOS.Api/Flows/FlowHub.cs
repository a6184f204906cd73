using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Auth;
using RouterOS.Api.Contracts;
using RouterOS.Api.Store;

namespace RouterOS.Api.Flows;

/// <summary>
/// Live flows for the dashboard at <see cref="LiveHubs.FlowsPath"/>. A browser calls
/// <see cref="Subscribe"/> with its query (again whenever the user changes it) and then receives
/// <see cref="LiveHubs.FlowUpdate"/> calls, only the rows it displays as changes against what it
/// was sent last; <see cref="FlowHubPublisher"/> sends them.
/// </summary>
[Authorize(Policy = AuthNames.ReadPolicy)]
public sealed class FlowHub(FlowHubSubscribers subscribers, RevisionStore revisions) : Hub
{
    [HubMethodName(LiveHubs.FlowSubscribe)]
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

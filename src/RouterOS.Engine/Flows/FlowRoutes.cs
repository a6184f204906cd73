using RouterOS.Engine.Kernel;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Flows;

/// <summary>
/// The way a connection takes through the router, as its routes say: the device its original
/// direction enters by (the route back to its source) and leaves by (the route to its
/// destination as translated), with the next hop each way. Conntrack keeps no devices; the
/// forward chain's `iifname`/`oifname` see exactly these on a router without policy routing.
/// </summary>
/// <param name="In">Null when no route covers the source (or the router itself sent it).</param>
/// <param name="InNextHop">The neighbour the replies go to: the source itself on a connected network, else the gateway.</param>
public sealed record FlowPath(string? In, FlowAddress? InNextHop, string? Out, FlowAddress? OutNextHop, bool FromRouter, bool ToRouter)
{
    public bool Forwarded => !FromRouter && !ToRouter;

    public bool Through(string device) => In == device || Out == device;
}

/// <summary>
/// The router namespace's main routing table and its own addresses, read with the links: enough
/// to tell a flow's devices (<see cref="FlowPath"/>) by longest-prefix match, lowest metric first.
/// A value: the monitor reads a fresh one with every dump.
/// </summary>
public sealed class FlowRoutes
{
    private readonly List<Route> _routes;
    private readonly HashSet<FlowAddress> _local;

    private FlowRoutes(List<Route> routes, HashSet<FlowAddress> local)
    {
        _routes = routes;
        _local = local;
    }

    public static FlowRoutes Empty { get; } = new([], []);

    /// <summary>The bridge each port belongs to, from the same reading (for flushes by bridge port).</summary>
    public IReadOnlyDictionary<string, string> Masters { get; private init; } = new Dictionary<string, string>();

    public static FlowRoutes From(KernelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var routes = new List<Route>();
        foreach (var route in state.Routes)
        {
            if (route.Device is not { } device)
                continue;
            routes.Add(new Route(FlowAddress.From(route.Destination.Network.Address), route.Destination.PrefixLength, device,
                route.Gateway is { } gateway ? FlowAddress.From(gateway.Address) : null, route.Metric));
        }
        // Most specific first, then the lowest metric: the first that contains an address is the kernel's choice.
        routes.Sort((a, b) => a.Prefix != b.Prefix ? b.Prefix.CompareTo(a.Prefix) : a.Metric.CompareTo(b.Metric));
        var local = new HashSet<FlowAddress>();
        foreach (var address in state.Addresses)
            local.Add(FlowAddress.From(address.Address.Address.Address));
        var masters = state.Links.Values.Where(link => link.Master is not null).ToDictionary(link => link.Name, link => link.Master!, StringComparer.Ordinal);
        return new FlowRoutes(routes, local) { Masters = masters };
    }

    public bool IsLocal(FlowAddress address) => _local.Contains(address);

    /// <summary>The route the kernel would take to <paramref name="address"/>: its device and next hop.</summary>
    public (string Device, FlowAddress NextHop)? Lookup(FlowAddress address)
    {
        foreach (var route in _routes)
        {
            if (address.IsIn(route.Network, route.Prefix))
                return (route.Device, route.Gateway ?? address);
        }
        return null;
    }

    /// <summary>
    /// The flow's devices: it enters where its source is reached and leaves where its destination
    /// (after a port forward: the reply's source) is reached.
    /// </summary>
    public FlowPath PathOf(in ConntrackEntry entry)
    {
        var source = entry.Original.Source;
        var destination = entry.Reply.Source;
        var fromRouter = IsLocal(source);
        var toRouter = IsLocal(destination);
        var inbound = fromRouter ? null : Lookup(source);
        var outbound = toRouter ? null : Lookup(destination);
        return new FlowPath(inbound?.Device, inbound?.NextHop, outbound?.Device, outbound?.NextHop, fromRouter, toRouter);
    }

    private sealed record Route(FlowAddress Network, int Prefix, string Device, FlowAddress? Gateway, uint Metric);
}

using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Topology;

/// <summary>
/// The devices of a configuration and how they stack: VLAN devices and PPPoE uplinks on their
/// parents, ports in bridges. Verify checks its rules against it, and the engine uses
/// <see cref="ResolveRealDevices(InterfaceName)"/> to turn the admin's flowtable devices into the ones the kernel
/// hooks. Every walk stops at a cycle instead of looping and keeps its own stack instead of recursing,
/// since it may run on unverified input of any depth.
/// </summary>
public sealed class DeviceGraph
{
    // Plain dictionaries, not frozen ones: a graph lives for one verify or plan, and freezing
    // (which tries bucket sizes to spread the keys) costs more than its faster lookups save.
    private readonly Dictionary<InterfaceName, DeviceNode> _nodes;
    private readonly Dictionary<InterfaceName, InterfaceName> _bridgeOfMember;
    private readonly Dictionary<InterfaceName, EquatableArray<InterfaceName>> _bridgeMembers;
    private readonly Dictionary<InterfaceName, EquatableArray<InterfaceName>> _dependencies;

    // Computed once, on first use, for every device together: linear in the graph's size.
    private readonly Lazy<Dictionary<InterfaceName, Mtu?>> _mtus;
    private readonly Lazy<Dictionary<InterfaceName, int>> _depths;

    public DeviceGraph(RouterConfig config)
    {
        var nodes = new Dictionary<InterfaceName, DeviceNode>(config.Ports.Count + config.Bridges.Count + config.Vlans.Count + config.Pppoe.Count);
        void Add(DeviceNode node) => nodes.TryAdd(node.Name, node);
        foreach (var port in config.Ports)
            Add(new DeviceNode(port.Name, DeviceKind.Port, null, port.Mtu));
        foreach (var bridge in config.Bridges)
            Add(new DeviceNode(bridge.Name, DeviceKind.Bridge, null, bridge.Mtu));
        foreach (var vlan in config.Vlans)
            Add(new DeviceNode(vlan.Name, DeviceKind.Vlan, vlan.Parent, vlan.Mtu));
        foreach (var pppoe in config.Pppoe)
            Add(new DeviceNode(pppoe.Name, DeviceKind.Pppoe, pppoe.Parent, pppoe.EffectiveMtu));
        _nodes = nodes;

        var bridgeOf = new Dictionary<InterfaceName, InterfaceName>();
        var members = new Dictionary<InterfaceName, EquatableArray<InterfaceName>>(config.Bridges.Count);
        foreach (var bridge in config.Bridges)
        {
            members.TryAdd(bridge.Name, bridge.Ports.Select(p => p.Name).ToEquatableArray());
            foreach (var member in bridge.Ports)
                bridgeOf.TryAdd(member.Name, bridge.Name);
        }
        _bridgeOfMember = bridgeOf;
        _bridgeMembers = members;
        // Every walk over the graph asks for these, device by device: made once.
        _dependencies = new(nodes.Count);
        foreach (var node in nodes.Values)
        {
            _dependencies.Add(node.Name, node switch
            {
                { Kind: DeviceKind.Bridge } => MembersOf(node.Name),
                { Parent: { } parent } => [parent],
                _ => [],
            });
        }
        _mtus = new(ComputeMtus);
        _depths = new(ComputeDepths);
    }

    public IEnumerable<DeviceNode> Nodes => _nodes.Values;

    public DeviceNode? Find(InterfaceName name) => _nodes.GetValueOrDefault(name);

    public bool Contains(InterfaceName name) => _nodes.ContainsKey(name);

    /// <summary>The bridge a device is a member of (the first, if the config wrongly lists it in two).</summary>
    public InterfaceName? BridgeOf(InterfaceName member) => _bridgeOfMember.GetValueOrDefault(member);

    public EquatableArray<InterfaceName> MembersOf(InterfaceName bridge) => _bridgeMembers.GetValueOrDefault(bridge);

    /// <summary>
    /// The Ethernet ports under a device, as a flowtable must list them (seed, "Layer 2 encapsulation"
    /// and "Bridge and IP forwarding"): a port is itself; a VLAN device or PPPoE uplink is what is under
    /// it; a bridge is its member ports, each resolved in turn. Names the configuration does not
    /// know are returned as they are: the engine may still find them in the kernel. A walk with its
    /// own stack, each device once, so neither a deep stack nor a cycle can overflow or loop.
    /// </summary>
    public IReadOnlyList<InterfaceName> ResolveRealDevices(InterfaceName device) => ResolveRealDevices([device]);

    /// <summary>
    /// The real devices under all of <paramref name="devices"/>, each once, in the order they are
    /// first met: one walk that visits every device once, however many of them share what is under them.
    /// </summary>
    public IReadOnlyList<InterfaceName> ResolveRealDevices(IEnumerable<InterfaceName> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var result = new List<InterfaceName>();
        var seen = new HashSet<InterfaceName>();
        var pending = new Stack<InterfaceName>();
        foreach (var device in devices)
        {
            pending.Push(device);
            Walk(pending, seen, result);
        }
        return result;
    }

    private void Walk(Stack<InterfaceName> pending, HashSet<InterfaceName> seen, List<InterfaceName> result)
    {
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next))
                continue;
            switch (Find(next))
            {
                case null or { Kind: DeviceKind.Port }:
                    result.Add(next);
                    break;
                case { Kind: DeviceKind.Bridge }:
                    // Pushed last to first, so members resolve in their listed order.
                    var members = MembersOf(next);
                    for (var i = members.Count - 1; i >= 0; i--)
                        pending.Push(members[i]);
                    break;
                case { Parent: { } parent }:
                    pending.Push(parent);
                    break;
            }
        }
    }

    /// <summary>
    /// The devices a device stands on: a VLAN's or PPPoE uplink's parent, a bridge's members.
    /// The edges along which a cycle would make a configuration impossible to build.
    /// </summary>
    public EquatableArray<InterfaceName> DependenciesOf(InterfaceName device) => _dependencies.GetValueOrDefault(device);

    /// <summary>
    /// The MTU the device will have: its configured one, else its parent's (VLAN), else 1500 (what
    /// a port or bridge starts with; a bridge then follows its smallest member). Null inside a cycle.
    /// </summary>
    public Mtu? EffectiveMtu(InterfaceName device) => _mtus.Value.TryGetValue(device, out var mtu) ? mtu : Mtu.EthernetDefault;

    /// <summary>
    /// How many VLAN tags a frame leaving the device carries: none for a port, one more than its
    /// parent for a VLAN device, its parent's for a PPPoE uplink, its deepest member's for a bridge
    /// (a frame it sends leaves through that member). A cycle adds nothing.
    /// </summary>
    public int VlanDepth(InterfaceName device) => _depths.Value.GetValueOrDefault(device);

    private Dictionary<InterfaceName, Mtu?> ComputeMtus() => DeviceFold.Compute<Mtu?>(this, unknown: Mtu.EthernetDefault, cut: null, (node, mtu) => node switch
    {
        { ConfiguredMtu: { } configured } => configured,
        { Kind: DeviceKind.Vlan, Parent: { } parent } => mtu(parent),
        { Kind: DeviceKind.Bridge } => MembersOf(node.Name).Select(mtu).Where(m => m is not null).DefaultIfEmpty(Mtu.EthernetDefault).Min(),
        _ => Mtu.EthernetDefault,
    });

    private Dictionary<InterfaceName, int> ComputeDepths() => DeviceFold.Compute(this, unknown: 0, cut: 0, (node, depth) => node switch
    {
        { Kind: DeviceKind.Vlan, Parent: { } parent } => depth(parent) + 1,
        { Kind: DeviceKind.Pppoe, Parent: { } parent } => depth(parent),
        { Kind: DeviceKind.Bridge } => MembersOf(node.Name).Select(depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    });
}

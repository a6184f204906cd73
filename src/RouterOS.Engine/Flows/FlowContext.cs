using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;
using RouterOS.Engine.Nft;
using RouterOS.Engine.Probe;

namespace RouterOS.Engine.Flows;

/// <summary>
/// What the engine knows beside a flow's conntrack entry, compiled once per snapshot: the applied
/// configuration (its offload policy and the real devices each flowtable hooks), the kernel's
/// capabilities and the routes that give each flow its devices.
/// </summary>
public sealed class FlowContext
{
    private readonly DeviceGraph? _graph;
    private readonly Dictionary<string, HashSet<string>> _flowtableDevices = new(StringComparer.Ordinal);

    public FlowContext(RouterConfig? config, Capabilities? capabilities, FlowRoutes routes)
    {
        Config = config;
        Capabilities = capabilities;
        Routes = routes;
        Policy = OffloadPolicyMatcher.Compile(config);
        Flowtables = config?.Flowtables ?? default;
        if (config is not null)
        {
            _graph = new DeviceGraph(config);
            foreach (var flowtable in config.Flowtables)
            {
                _flowtableDevices[flowtable.Name.ToString()] = [.. RulesetGenerator.RealDevices(flowtable, _graph)];
            }
        }
    }

    public static FlowContext None { get; } = new(null, null, FlowRoutes.Empty);

    public RouterConfig? Config { get; }

    public Capabilities? Capabilities { get; }

    public FlowRoutes Routes { get; }

    public OffloadPolicyMatcher Policy { get; }

    public EquatableArray<Flowtable> Flowtables { get; }

    public Flowtable? Flowtable(string name) => Flowtables.FirstOrDefault(flowtable => flowtable.Name.ToString() == name);

    /// <summary>The real devices a flowtable hooks (bridge ports, the Ethernet device under a VLAN or PPPoE uplink).</summary>
    public IReadOnlySet<string> DevicesOf(string flowtable) => _flowtableDevices.GetValueOrDefault(flowtable) ?? [];

    /// <summary>The real devices under a device a flow goes through, as a flowtable would have to list them.</summary>
    public IReadOnlyList<string> RealDevicesOf(string device) =>
        _graph is not null && InterfaceName.TryParse(device, out var name, out _)
            ? [.. _graph.ResolveRealDevices(name).Select(real => real.ToString())]
            : [device];
}

using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Nft;
using RouterOS.Engine.Probe;

namespace RouterOS.Engine.Reconcile;

/// <summary>A plan that needs what the kernel lacks fails at plan time, with the reason.</summary>
internal static class CapabilityCheck
{
    public static IEnumerable<ConfigFinding> Findings(RouterConfig config, DeviceGraph graph, Capabilities capabilities)
    {
        if (!capabilities.Flowtable)
        {
            foreach (var flowtable in config.Flowtables)
            {
                yield return ConfigFinding.Error(ConfigPath.Item("flowtables", flowtable.Name),
                    "this kernel has no flowtable support (nf_flow_table): remove the flowtable and its offload rules, or run a kernel with it");
            }
        }
        if (!capabilities.Vlan8021Q)
        {
            foreach (var vlan in config.Vlans)
            {
                yield return ConfigFinding.Error(ConfigPath.Item("vlans", vlan.Name), "this kernel has no 802.1Q VLAN support (8021q)");
            }
        }
        if (!capabilities.BridgeVlanFiltering)
        {
            foreach (var bridge in config.Bridges.Where(bridge => bridge.VlanFiltering))
            {
                yield return ConfigFinding.Error(ConfigPath.Item("bridges", bridge.Name).Field("vlanFiltering"), "this kernel's bridges have no VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING)");
            }
        }
        if (!capabilities.Ppp)
        {
            foreach (var uplink in config.Pppoe)
            {
                yield return ConfigFinding.Error(ConfigPath.Item("pppoe", uplink.Name), "this kernel has no PPPoE support (ppp_generic, pppoe)");
            }
        }
        foreach (var flowtable in config.Flowtables.Where(flowtable => flowtable.HardwareOffload))
        {
            foreach (var device in RulesetGenerator.RealDevices(flowtable, graph))
            {
                if (capabilities.HardwareOffload.TryGetValue(device, out var supported) && !supported)
                {
                    yield return ConfigFinding.Error(ConfigPath.Item("flowtables", flowtable.Name).Field("hardwareOffload"),
                        $"{Capabilities.NoHardwareOffload(device)}; turn hardware offload off for this flowtable");
                }
            }
        }
    }
}

using System.Collections;
using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>Bridge membership and bridge VLAN rules.</summary>
internal static class BridgeRules
{
    public static void Check(VerifyContext context)
    {
        var bridgeOfPort = new Dictionary<InterfaceName, InterfaceName>();
        foreach (var bridge in context.Config.Bridges)
        {
            var path = ConfigPath.Item("bridges", bridge.Name);
            var seen = new HashSet<InterfaceName>();
            foreach (var member in bridge.Ports)
            {
                var memberPath = path.Item("ports", member.Name);
                if (!seen.Add(member.Name))
                {
                    context.Error(memberPath, $"{member.Name} is listed twice in bridge {bridge.Name}");
                    continue;
                }
                CheckMember(context, memberPath, bridge, member, bridgeOfPort);
                CheckVlanList(context, memberPath.Field("vlans"), bridge, member.Vlans);
            }
            CheckVlanList(context, path.Field("selfVlans"), bridge, bridge.SelfVlans);
            CheckMtu(context, path, bridge);
            if (!bridge.VlanFiltering && (bridge.DefaultPvid is not null || bridge.VlanProtocol != VlanProtocol.Dot1Q))
                context.Warning(path.Field("vlanFiltering"), "defaultPvid and vlanProtocol have no effect while vlanFiltering is off");
        }
    }

    private static void CheckMember(VerifyContext context, string memberPath, Bridge bridge, BridgePort member, Dictionary<InterfaceName, InterfaceName> bridgeOfPort)
    {
        if (!bridgeOfPort.TryAdd(member.Name, bridge.Name) && bridgeOfPort[member.Name] != bridge.Name)
            context.Error(memberPath, $"{member.Name} is already a port of bridge {bridgeOfPort[member.Name]}; a device can be in only one bridge");
        var node = context.RequireDevice(memberPath, member.Name);
        if (node is { Kind: DeviceKind.Bridge or DeviceKind.Pppoe })
            context.Error(memberPath, $"{node.Description} cannot be a bridge port; only ports and VLAN devices can (the kernel refuses to nest bridges, and PPP is not Ethernet)");
    }

    private static void CheckVlanList(VerifyContext context, string listPath, Bridge bridge, EquatableArray<BridgeVlan> vlans)
    {
        if (vlans.IsEmpty)
            return;
        if (!bridge.VlanFiltering)
            context.Warning(listPath, $"VLAN membership has no effect while vlanFiltering is off on bridge {bridge.Name}");
        // A trunk may list every VLAN id: one flag per possible id is the set, and an entry's path
        // is written only for a finding.
        var seen = new BitArray(VlanId.Max + 1);
        var pvids = 0;
        foreach (var entry in vlans)
        {
            if (seen[entry.Vlan.Value])
                context.Error(listPath.Key(entry.Vlan), $"VLAN {entry.Vlan} is listed twice");
            seen[entry.Vlan.Value] = true;
            if (entry.Pvid && ++pvids == 2)
                context.Error(listPath.Key(entry.Vlan), "only one VLAN per port can be the PVID (the VLAN untagged frames arriving are put in)");
        }
    }

    // A bridge's MTU cannot exceed its smallest member's (br_change_mtu answers EINVAL).
    private static void CheckMtu(VerifyContext context, string path, Bridge bridge)
    {
        if (bridge.Mtu is not { } mtu)
            return;
        foreach (var member in bridge.Ports)
        {
            if (context.Devices.Contains(member.Name) && context.Devices.EffectiveMtu(member.Name) is { } memberMtu && memberMtu < mtu)
                context.Error(path.Field("mtu"), $"MTU {mtu} is larger than the MTU {memberMtu} of its port {member.Name}; a bridge's MTU cannot exceed its smallest port's");
        }
    }
}

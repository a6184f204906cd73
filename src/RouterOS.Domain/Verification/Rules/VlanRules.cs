using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>VLAN devices: a parent that can carry tags, one device per id and protocol on a parent, an MTU that fits.</summary>
internal static class VlanRules
{
    public static void Check(VerifyContext context)
    {
        var taken = new Dictionary<(InterfaceName Parent, VlanId Id, VlanProtocol Protocol), InterfaceName>(context.Config.Vlans.Count);
        foreach (var vlan in context.Config.Vlans)
        {
            var parent = context.Devices.Find(vlan.Parent);
            if (parent is null)
                context.ReportNoSuchDevice(PathOf(vlan).Field("parent"), vlan.Parent);
            if (parent is { Kind: DeviceKind.Pppoe })
                context.Error(PathOf(vlan).Field("parent"), $"{parent.Description} carries PPP, not Ethernet frames; a VLAN device needs a port, a bridge or another VLAN device under it");
            if (!taken.TryAdd((vlan.Parent, vlan.Id, vlan.Protocol), vlan.Name))
            {
                var other = taken[(vlan.Parent, vlan.Id, vlan.Protocol)];
                context.Error(PathOf(vlan).Field("id"), $"VLAN {vlan.Id} ({ProtocolName(vlan.Protocol)}) on {vlan.Parent} is already {other}; the kernel allows one device per id and protocol on a parent");
            }
            CheckMtu(context, vlan);
        }
    }

    /// <summary>Written only for a finding: a configuration may hold a thousand VLAN devices.</summary>
    private static string PathOf(VlanDevice vlan) => ConfigPath.Item("vlans", vlan.Name);

    // vlan_dev_change_mtu refuses an MTU above the parent's.
    private static void CheckMtu(VerifyContext context, VlanDevice vlan)
    {
        if (vlan.Mtu is not { } mtu || !context.Devices.Contains(vlan.Parent))
            return;
        if (context.Devices.EffectiveMtu(vlan.Parent) is { } parentMtu && mtu > parentMtu)
            context.Error(PathOf(vlan).Field("mtu"), $"MTU {mtu} is larger than the MTU {parentMtu} of its parent {vlan.Parent}");
    }

    internal static string ProtocolName(VlanProtocol protocol) => protocol == VlanProtocol.Dot1Q ? "802.1Q" : "802.1ad";
}

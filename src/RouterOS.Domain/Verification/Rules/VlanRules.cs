using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>VLAN devices: a parent that can carry tags, one device per id and protocol on a parent, an MTU that fits.</summary>
internal static class VlanRules
{
    public static void Check(VerifyContext context)
    {
        var taken = new Dictionary<(InterfaceName Parent, VlanId Id, VlanProtocol Protocol), InterfaceName>();
        foreach (var vlan in context.Config.Vlans)
        {
            var path = ConfigPath.Item("vlans", vlan.Name);
            var parent = context.RequireDevice(path.Field("parent"), vlan.Parent);
            if (parent is { Kind: DeviceKind.Pppoe })
                context.Error(path.Field("parent"), $"{parent.Description} carries PPP, not Ethernet frames; a VLAN device needs a port, a bridge or another VLAN device under it");
            if (!taken.TryAdd((vlan.Parent, vlan.Id, vlan.Protocol), vlan.Name))
            {
                var other = taken[(vlan.Parent, vlan.Id, vlan.Protocol)];
                context.Error(path.Field("id"), $"VLAN {vlan.Id} ({ProtocolName(vlan.Protocol)}) on {vlan.Parent} is already {other}; the kernel allows one device per id and protocol on a parent");
            }
            CheckMtu(context, path, vlan);
        }
    }

    // vlan_dev_change_mtu refuses an MTU above the parent's.
    private static void CheckMtu(VerifyContext context, string path, VlanDevice vlan)
    {
        if (vlan.Mtu is not { } mtu || !context.Devices.Contains(vlan.Parent))
            return;
        if (context.Devices.EffectiveMtu(vlan.Parent) is { } parentMtu && mtu > parentMtu)
            context.Error(path.Field("mtu"), $"MTU {mtu} is larger than the MTU {parentMtu} of its parent {vlan.Parent}");
    }

    internal static string ProtocolName(VlanProtocol protocol) => protocol == VlanProtocol.Dot1Q ? "802.1Q" : "802.1ad";
}

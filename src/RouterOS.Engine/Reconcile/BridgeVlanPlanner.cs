using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Kernel;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Reconcile;

/// <summary>
/// VLAN membership of a VLAN-filtering bridge's ports and of the bridge itself: PVID, untagged,
/// tagged. A member that lists no PVID keeps the bridge's default PVID (untagged), as the
/// kernel gives every new port; every other VLAN the kernel has is removed.
/// </summary>
internal static class BridgeVlanPlanner
{
    public static IEnumerable<PlanStep> Plan(Bridge bridge, KernelState kernel)
    {
        var bridgePath = ConfigPath.Item("bridges", bridge.Name);
        var defaultPvid = (ushort)(bridge.DefaultPvid?.Value ?? 1);
        foreach (var port in bridge.Ports)
        {
            foreach (var step in PlanMember(bridgePath.Item("ports", port.Name), port.Name.ToString(), port.Vlans, defaultPvid, self: false, kernel))
            {
                yield return step;
            }
        }
        foreach (var step in PlanMember(bridgePath.Field("selfVlans"), bridge.Name.ToString(), bridge.SelfVlans, defaultPvid, self: true, kernel))
        {
            yield return step;
        }
    }

    private static IEnumerable<PlanStep> PlanMember(string path, string device, EquatableArray<BridgeVlan> vlans, ushort defaultPvid, bool self, KernelState kernel)
    {
        // A trunk may carry every VLAN id: sized up front, and its ids sorted as plain numbers.
        var wanted = new Dictionary<ushort, ushort>(vlans.Count + 1);
        var hasPvid = false;
        foreach (var vlan in vlans)
        {
            wanted.Add((ushort)vlan.Vlan.Value, Flags(vlan));
            hasPvid |= vlan.Pvid;
        }
        if (!hasPvid && defaultPvid != 0 && !wanted.ContainsKey(defaultPvid))
        {
            wanted[defaultPvid] = IfBridge.VlanPvid | IfBridge.VlanUntagged;
        }
        var current = (kernel.Link(device)?.Vlans ?? []).ToDictionary(entry => entry.VlanId, entry => (ushort)(entry.Flags & (IfBridge.VlanPvid | IfBridge.VlanUntagged)));
        foreach (var vid in Sorted(current.Keys.Where(vid => !wanted.ContainsKey(vid))))
        {
            yield return new BridgeVlanStep(path, device, Add: false, vid, 0, self, $"{device}: leave VLAN {vid}");
        }
        foreach (var vid in Sorted(wanted.Keys))
        {
            var flags = wanted[vid];
            if (!current.TryGetValue(vid, out var existing) || existing != flags)
            {
                yield return new BridgeVlanStep(path, device, Add: true, vid, flags, self, $"{device}: VLAN {vid} {Describe(flags)}");
            }
        }
    }

    private static ushort[] Sorted(IEnumerable<ushort> vids)
    {
        var sorted = vids.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static ushort Flags(BridgeVlan vlan) =>
        (ushort)((vlan.Pvid ? IfBridge.VlanPvid : 0) | (vlan.Untagged ? IfBridge.VlanUntagged : 0));

    private static string Describe(ushort flags) => new BridgeVlanEntry(0, flags) switch
    {
        { Pvid: true, Untagged: true } => "untagged, PVID",
        { Pvid: true } => "tagged, PVID",
        { Untagged: true } => "untagged",
        _ => "tagged",
    };
}

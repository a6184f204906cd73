using RouterOS.Domain.Model;
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

    private static IEnumerable<PlanStep> PlanMember(string path, string device, IReadOnlyList<BridgeVlan> vlans, ushort defaultPvid, bool self, KernelState kernel)
    {
        var wanted = vlans.ToDictionary(vlan => (ushort)vlan.Vlan.Value, Flags);
        if (!vlans.Any(vlan => vlan.Pvid) && defaultPvid != 0 && !wanted.ContainsKey(defaultPvid))
        {
            wanted[defaultPvid] = IfBridge.VlanPvid | IfBridge.VlanUntagged;
        }
        var current = (kernel.Link(device)?.Vlans ?? []).ToDictionary(entry => entry.VlanId, entry => (ushort)(entry.Flags & (IfBridge.VlanPvid | IfBridge.VlanUntagged)));
        foreach (var (vid, _) in current.Where(entry => !wanted.ContainsKey(entry.Key)).OrderBy(entry => entry.Key))
        {
            yield return new BridgeVlanStep(path, device, Add: false, vid, 0, self, $"{device}: leave VLAN {vid}");
        }
        foreach (var (vid, flags) in wanted.OrderBy(entry => entry.Key))
        {
            if (!current.TryGetValue(vid, out var existing) || existing != flags)
            {
                yield return new BridgeVlanStep(path, device, Add: true, vid, flags, self, $"{device}: VLAN {vid} {Describe(flags)}");
            }
        }
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

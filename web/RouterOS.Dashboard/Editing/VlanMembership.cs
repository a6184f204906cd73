using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Dashboard.Editing;

/// <summary>One cell of the VLAN grid: how a port carries a VLAN.</summary>
public enum VlanCell
{
    NotMember,
    Tagged,

    /// <summary>Frames leave untagged and untagged frames arriving join this VLAN (PVID): an access port.</summary>
    UntaggedPvid,
}

/// <summary>
/// The bridge's VLAN membership as a grid of ports x VLANs, read from and written back to the
/// domain's <see cref="BridgePort"/> lists. A port has at most one PVID, so making a cell
/// untagged+PVID turns the port's other PVID cell into tagged. Combinations the grid does not
/// draw (untagged without PVID) are kept as they are unless their cell is changed.
/// </summary>
public static class VlanMembership
{
    public static VlanCell CellOf(BridgePort port, VlanId vlan)
    {
        ArgumentNullException.ThrowIfNull(port);
        return port.Vlans.FirstOrDefault(v => v.Vlan == vlan) switch
        {
            null => VlanCell.NotMember,
            { Untagged: true, Pvid: true } => VlanCell.UntaggedPvid,
            _ => VlanCell.Tagged,
        };
    }

    /// <summary>The next state a click gives: not a member, then tagged, then untagged+PVID, then not a member.</summary>
    public static VlanCell Next(VlanCell cell) => cell switch
    {
        VlanCell.NotMember => VlanCell.Tagged,
        VlanCell.Tagged => VlanCell.UntaggedPvid,
        _ => VlanCell.NotMember,
    };

    public static BridgePort With(BridgePort port, VlanId vlan, VlanCell cell)
    {
        ArgumentNullException.ThrowIfNull(port);
        var others = port.Vlans.Where(v => v.Vlan != vlan)
            .Select(v => cell == VlanCell.UntaggedPvid && v.Pvid ? v with { Untagged = false, Pvid = false } : v);
        var vlans = cell switch
        {
            VlanCell.NotMember => others,
            VlanCell.Tagged => others.Append(new BridgeVlan(vlan)),
            _ => others.Append(new BridgeVlan(vlan, Untagged: true, Pvid: true)),
        };
        return port with { Vlans = [.. vlans.OrderBy(v => v.Vlan.Value)] };
    }

    /// <summary>The VLAN columns: every VLAN any port carries, in order.</summary>
    public static IReadOnlyList<VlanId> VlansOf(IEnumerable<BridgePort> ports) =>
        [.. ports.SelectMany(p => p.Vlans).Select(v => v.Vlan).Distinct().OrderBy(v => v.Value)];

    public static string Describe(VlanCell cell) => cell switch
    {
        VlanCell.NotMember => "not a member",
        VlanCell.Tagged => "tagged",
        _ => "untagged, PVID",
    };
}

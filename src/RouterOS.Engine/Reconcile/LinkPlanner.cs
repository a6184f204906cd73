using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Kernel;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Reconcile;

/// <summary>
/// Links: bridges and VLAN devices the engine creates, ports it only configures. Everything that
/// can change live is changed live; only a VLAN device's parent, id or protocol needs a
/// recreate. Devices the configuration does not name are never touched, except to put back what
/// the engine changed on them (<see cref="KernelOriginals"/>), and only devices the engine made
/// (named by the previous configuration) are ever deleted. A setting left unset gets the value
/// the kernel had before the engine first changed it, if it did.
/// </summary>
internal static class LinkPlanner
{
    public static IEnumerable<PlanStep> Plan(PlanContext context)
    {
        var steps = new List<PlanStep>();
        var desired = context.Desired;
        var kernel = context.Kernel;
        var graph = new DeviceGraph(desired);
        var managedBridges = desired.Bridges.Select(bridge => bridge.Name.ToString())
            .Concat(context.Previous.Bridges.Select(bridge => bridge.Name.ToString())).ToHashSet(StringComparer.Ordinal);
        // Looked up per device, not scanned: a plan's work stays linear in the configuration's size.
        var ownedBridges = context.Previous.Bridges.Select(bridge => bridge.Name).ToHashSet();
        var ownedVlans = context.Previous.Vlans.Select(vlan => vlan.Name).ToHashSet();

        DeleteWhatIsNoLongerWanted(context, steps);

        foreach (var port in desired.Ports)
        {
            var path = ConfigPath.Item("ports", port.Name);
            if (kernel.Link(port.Name.ToString()) is not { } link)
            {
                context.Findings.Add(ConfigFinding.Error(path, $"there is no device {port.Name} in the kernel: ports are existing network devices"));
                continue;
            }
            var original = context.Originals.Of(link.Name);
            AddChange(steps, path, link, port.Mtu?.Value ?? original?.Mtu, port.Enabled, graph.BridgeOf(port.Name)?.ToString(),
                port.Mac?.ToString() ?? original?.Mac, managedBridges);
        }

        foreach (var bridge in desired.Bridges)
        {
            PlanBridge(context, steps, bridge, ownedBridges);
        }

        // A VLAN device on another is created after it: each has one tag more than its parent.
        foreach (var vlan in desired.Vlans.OrderBy(vlan => graph.VlanDepth(vlan.Name)))
        {
            PlanVlan(context, steps, vlan, graph, managedBridges, ownedVlans);
        }

        foreach (var bridge in desired.Bridges.Where(bridge => bridge.VlanFiltering))
        {
            steps.AddRange(BridgeVlanPlanner.Plan(bridge, kernel));
        }

        RestoreWhatIsNoLongerNamed(context, steps);
        // Devices exist before anything refers to them: bridges, then the VLAN devices that may
        // sit on them, then memberships, MTUs and admin state, then bridge VLANs.
        return steps.OrderBy(Stage).ToList();
    }

    private static int Stage(PlanStep step) => step switch
    {
        DeleteLinkStep => 0,
        CreateBridgeStep => 1,
        CreateVlanStep => 2,
        ChangeBridgeStep => 3,
        ChangeLinkStep => 4,
        _ => 5,
    };

    private static void DeleteWhatIsNoLongerWanted(PlanContext context, List<PlanStep> steps)
    {
        var wanted = context.Desired.Bridges.Select(bridge => bridge.Name).Concat(context.Desired.Vlans.Select(vlan => vlan.Name)).ToHashSet();
        foreach (var vlan in context.Previous.Vlans.Where(vlan => !wanted.Contains(vlan.Name)))
        {
            if (context.Kernel.Link(vlan.Name.ToString()) is { Kind: "vlan" })
            {
                steps.Add(new DeleteLinkStep(ConfigPath.Item("vlans", vlan.Name), vlan.Name.ToString(), ChangeClass.AppliedLive,
                    $"delete VLAN device {vlan.Name}: no longer in the configuration"));
            }
        }
        foreach (var bridge in context.Previous.Bridges.Where(bridge => !wanted.Contains(bridge.Name)))
        {
            if (context.Kernel.Link(bridge.Name.ToString()) is { Kind: "bridge" })
            {
                steps.Add(new DeleteLinkStep(ConfigPath.Item("bridges", bridge.Name), bridge.Name.ToString(), ChangeClass.AppliedLive,
                    $"delete bridge {bridge.Name}: no longer in the configuration"));
            }
        }
    }

    /// <summary>Devices the configuration no longer names get back what the engine changed on them (a port dropped from it).</summary>
    private static void RestoreWhatIsNoLongerNamed(PlanContext context, List<PlanStep> steps)
    {
        var deleted = steps.OfType<DeleteLinkStep>().Select(step => step.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var original in context.Originals.Links)
        {
            if (ManagedSettings.Of(context.Desired, original.Device) != default || deleted.Contains(original.Device)
                || context.Kernel.Link(original.Device) is not { } link)
            {
                continue;
            }
            AddChange(steps, $"restore[{original.Device}]", link, original.Mtu, original.Up, null, original.Mac, managedBridges: []);
        }
    }

    private static void PlanBridge(PlanContext context, List<PlanStep> steps, Bridge bridge, HashSet<InterfaceName> owned)
    {
        var path = ConfigPath.Item("bridges", bridge.Name);
        var name = bridge.Name.ToString();
        var wanted = new BridgeAttributes(
            Stp: bridge.Stp,
            VlanFiltering: bridge.VlanFiltering ? true : null,
            VlanProtocol: bridge.VlanFiltering ? ProtocolNumber(bridge.VlanProtocol) : null,
            DefaultPvid: bridge.VlanFiltering ? (ushort)(bridge.DefaultPvid?.Value ?? 1) : null);
        var existing = context.Kernel.Link(name);
        var recreate = false;
        if (existing is not null && existing.Kind != "bridge")
        {
            if (!owned.Contains(bridge.Name))
            {
                context.Findings.Add(ConfigFinding.Error(path, $"a device {name} exists and is not a bridge ({existing.Kind ?? "a plain device"}); the engine does not take over devices it did not create"));
                return;
            }
            steps.Add(new DeleteLinkStep(path, name, ChangeClass.Recreate, $"delete {name} to create it again as a bridge"));
            recreate = true;
        }
        if (existing is null || recreate)
        {
            steps.Add(new CreateBridgeStep(path, name, wanted, recreate ? ChangeClass.Recreate : ChangeClass.AppliedLive));
            steps.Add(new ChangeLinkStep(path, name, bridge.Mtu?.Value, bridge.Enabled, null, bridge.Mac?.ToString(),
                bridge.Enabled ? $"bring {name} up" : $"leave {name} down"));
            return;
        }
        var current = existing.Bridge ?? new BridgeAttributes();
        var change = new BridgeAttributes(
            Stp: current.Stp == wanted.Stp ? null : wanted.Stp,
            VlanFiltering: (current.VlanFiltering ?? false) == bridge.VlanFiltering ? null : bridge.VlanFiltering,
            VlanProtocol: wanted.VlanProtocol is { } protocol && current.VlanProtocol != protocol ? protocol : null,
            DefaultPvid: wanted.DefaultPvid is { } pvid && current.DefaultPvid != pvid ? pvid : null);
        if (change != new BridgeAttributes())
        {
            steps.Add(new ChangeBridgeStep(path, name, change, $"change bridge {name}: {Describe(change)}"));
        }
        var original = context.Originals.Of(name);
        AddChange(steps, path, existing, bridge.Mtu?.Value ?? original?.Mtu, bridge.Enabled, null, bridge.Mac?.ToString() ?? original?.Mac, managedBridges: []);
    }

    private static void PlanVlan(PlanContext context, List<PlanStep> steps, VlanDevice vlan, DeviceGraph graph, HashSet<string> managedBridges,
        HashSet<InterfaceName> ownedVlans)
    {
        var path = ConfigPath.Item("vlans", vlan.Name);
        var name = vlan.Name.ToString();
        var protocol = ProtocolNumber(vlan.Protocol);
        var existing = context.Kernel.Link(name);
        var owned = ownedVlans.Contains(vlan.Name);
        var recreate = false;
        if (existing is not null)
        {
            var same = existing.Kind == "vlan" && existing.Parent == vlan.Parent.ToString()
                && existing.Vlan?.Id == vlan.Id.Value && existing.Vlan?.Protocol == protocol;
            if (!same && !owned)
            {
                context.Findings.Add(ConfigFinding.Error(path, $"a device {name} exists and is not this VLAN device; the engine does not take over devices it did not create"));
                return;
            }
            if (!same)
            {
                // The kernel cannot change a VLAN device's parent, id or protocol in place.
                steps.Add(new DeleteLinkStep(path, name, ChangeClass.Recreate, $"delete {name}: its parent, id or protocol changed"));
                recreate = true;
            }
        }
        if (existing is null || recreate)
        {
            steps.Add(new CreateVlanStep(path, name, vlan.Parent.ToString(), (ushort)vlan.Id.Value, protocol, recreate ? ChangeClass.Recreate : ChangeClass.AppliedLive));
            steps.Add(new ChangeLinkStep(path, name, vlan.Mtu?.Value, vlan.Enabled, graph.BridgeOf(vlan.Name)?.ToString(), null,
                vlan.Enabled ? $"bring {name} up" : $"leave {name} down"));
            return;
        }
        var original = context.Originals.Of(name);
        AddChange(steps, path, existing, vlan.Mtu?.Value ?? original?.Mtu, vlan.Enabled, graph.BridgeOf(vlan.Name)?.ToString(), original?.Mac, managedBridges);
    }

    /// <summary>One change step for whatever differs of MTU, admin state, bridge membership and MAC (null: leave it).</summary>
    private static void AddChange(List<PlanStep> steps, string path, KernelLink link, int? mtu, bool? up, string? master, string? mac, HashSet<string> managedBridges)
    {
        var what = new List<string>();
        int? newMtu = mtu is int m && m != link.Mtu ? m : null;
        if (newMtu is int changedMtu)
        {
            what.Add($"MTU {link.Mtu} -> {changedMtu}");
        }
        bool? newUp = up is bool wantedUp && wantedUp != link.Up ? wantedUp : null;
        if (newUp is bool changedUp)
        {
            what.Add(changedUp ? "up" : "down");
        }
        string? newMaster = null;
        if (master is not null && link.Master != master)
        {
            newMaster = master;
            what.Add($"join bridge {master}");
        }
        else if (master is null && link.Master is { } current && managedBridges.Contains(current))
        {
            // Released only from bridges the engine manages: someone else's bridge is not ours to change.
            newMaster = "";
            what.Add($"leave bridge {current}");
        }
        var newMac = mac is not null && !string.Equals(mac, link.Mac, StringComparison.OrdinalIgnoreCase) ? mac.ToLowerInvariant() : null;
        if (newMac is not null)
        {
            what.Add($"MAC {newMac}");
        }
        if (what.Count > 0)
        {
            steps.Add(new ChangeLinkStep(path, link.Name, newMtu, newUp, newMaster, newMac, $"{link.Name}: {string.Join(", ", what)}"));
        }
    }

    internal static ushort ProtocolNumber(VlanProtocol protocol) =>
        protocol == VlanProtocol.Dot1Ad ? IfLink.EtherType8021Ad : IfLink.EtherType8021Q;

    private static string Describe(BridgeAttributes change)
    {
        var parts = new List<string>();
        if (change.Stp is bool stp) parts.Add($"STP {(stp ? "on" : "off")}");
        if (change.VlanFiltering is bool filtering) parts.Add($"VLAN filtering {(filtering ? "on" : "off")}");
        if (change.VlanProtocol is ushort protocol) parts.Add($"VLAN protocol 0x{protocol:x4}");
        if (change.DefaultPvid is ushort pvid) parts.Add($"default PVID {pvid}");
        return string.Join(", ", parts);
    }
}

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
/// (named by the previous configuration, and not found in the kernel when first named) are ever
/// deleted. A setting left unset gets the value the kernel had before the engine first changed
/// it, if it did: a device in no bridge of the configuration goes back to the bridge it was in.
/// </summary>
internal static class LinkPlanner
{
    /// <summary>Adds the link steps to <paramref name="steps"/>, in planning order: <see cref="Stage"/> says the order they run in.</summary>
    public static void Plan(PlanContext context, List<PlanStep> steps)
    {
        var desired = context.Desired;
        var kernel = context.Kernel;
        var graph = context.Devices;
        var managedBridges = desired.Bridges.Select(bridge => bridge.Name.ToString())
            .Concat(context.Previous.Bridges.Select(bridge => bridge.Name.ToString())).ToHashSet(StringComparer.Ordinal);
        // Looked up per device, not scanned: a plan's work stays linear in the configuration's size.
        var ownedBridges = context.Previous.Bridges.Select(bridge => bridge.Name).ToHashSet();
        var ownedVlans = context.Previous.Vlans.Select(vlan => vlan.Name).ToHashSet();

        DeleteWhatIsNoLongerWanted(context, steps);
        var deleted = steps.OfType<DeleteLinkStep>().Select(step => step.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var port in desired.Ports)
        {
            var path = ConfigPath.Item("ports", port.Name);
            if (kernel.Link(port.Name.ToString()) is not { } link)
            {
                context.Findings.Add(ConfigFinding.Error(path, $"there is no device {port.Name} in the kernel: ports are existing network devices"));
                continue;
            }
            var original = context.Originals.Of(link.Name);
            AddChange(steps, path, link, port.Mtu?.Value ?? original?.Mtu, port.Enabled,
                graph.BridgeOf(port.Name)?.ToString() ?? OriginalMaster(context, path, original, deleted, namedInNoBridge: true), port.Mac ?? original?.Mac,
                managedBridges);
        }

        foreach (var bridge in desired.Bridges)
        {
            PlanBridge(context, steps, bridge, ownedBridges);
        }

        // A VLAN device on another is created after it: each has one tag more than its parent.
        foreach (var vlan in desired.Vlans.OrderBy(vlan => graph.VlanDepth(vlan.Name)))
        {
            PlanVlan(context, steps, vlan, graph, managedBridges, ownedVlans, deleted);
        }

        foreach (var bridge in desired.Bridges.Where(bridge => bridge.VlanFiltering))
        {
            steps.AddRange(BridgeVlanPlanner.Plan(bridge, kernel));
        }

        RestoreWhatIsNoLongerNamed(context, steps);
    }

    public const int Stages = 6;

    /// <summary>
    /// Devices exist before anything refers to them: bridges, then the VLAN devices that may sit
    /// on them, then memberships, MTUs and admin state, then bridge VLANs.
    /// </summary>
    public static int Stage(PlanStep step) => step switch
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
        var wanted = context.Desired.Bridges.Select(bridge => bridge.Name.Value).Concat(context.Desired.Vlans.Select(vlan => vlan.Name.Value))
            .ToHashSet(StringComparer.Ordinal);
        // A device the kernel had before a configuration named it is put back, not deleted (RestoreWhatIsNoLongerNamed).
        wanted.UnionWith(context.Originals.Links.Where(link => link.Adopted).Select(link => link.Device));
        foreach (var vlan in context.Previous.Vlans.Where(vlan => !wanted.Contains(vlan.Name.Value)))
        {
            if (context.Kernel.Link(vlan.Name.ToString()) is { Kind: "vlan" })
            {
                steps.Add(new DeleteLinkStep(ConfigPath.Item("vlans", vlan.Name), vlan.Name.ToString(), ChangeClass.AppliedLive,
                    $"delete VLAN device {vlan.Name}: no longer in the configuration"));
            }
        }
        foreach (var bridge in context.Previous.Bridges.Where(bridge => !wanted.Contains(bridge.Name.Value)))
        {
            if (context.Kernel.Link(bridge.Name.ToString()) is { Kind: "bridge" })
            {
                steps.Add(new DeleteLinkStep(ConfigPath.Item("bridges", bridge.Name), bridge.Name.ToString(), ChangeClass.AppliedLive,
                    $"delete bridge {bridge.Name}: no longer in the configuration"));
            }
        }
    }

    /// <summary>
    /// Devices the configuration no longer names get back what the engine changed on them: a port
    /// dropped from it, a bridge or VLAN device it had adopted.
    /// </summary>
    private static void RestoreWhatIsNoLongerNamed(PlanContext context, List<PlanStep> steps)
    {
        if (context.Originals.Links.Count == 0)
        {
            return; // nothing to put back, and no need to look through every step for deletions
        }
        var deleted = steps.OfType<DeleteLinkStep>().Select(step => step.Name).ToHashSet(StringComparer.Ordinal);
        var named = ManagedSettings.Index(context.Desired);
        foreach (var original in context.Originals.Links)
        {
            if (named.ContainsKey(original.Device) || deleted.Contains(original.Device)
                || context.Kernel.Link(original.Device) is not { } link)
            {
                continue;
            }
            var path = $"restore[{original.Device}]";
            if (original.Bridge is { } settings && link.Kind == "bridge"
                && BridgeOriginals.Difference(settings, link.Bridge ?? new BridgeAttributes()) is var back && back != new BridgeAttributes())
            {
                steps.Add(new ChangeBridgeStep(path, link.Name, back, $"change bridge {link.Name} back: {Describe(back)}"));
            }
            // Its bridge only as recorded: one it was in before the configuration named it is not the engine's to leave.
            AddChange(steps, path, link, original.Mtu, original.Up, OriginalMaster(context, path, original, deleted), original.Mac, managedBridges: []);
        }
    }

    /// <summary>
    /// The bridge <paramref name="original"/> says the device was in ("" for none), to put it back
    /// there; null when there is no record. A bridge that is gone (or goes in this plan) cannot be
    /// put back: the device is then taken out of the engine's bridge, and the plan says so.
    /// </summary>
    /// <param name="namedInNoBridge">
    /// The configuration names the device and none of its bridges lists it: it is not put back
    /// into a bridge the configuration names (adopted), whose port list leaves it out; the record
    /// stays (<see cref="KernelOriginals.After"/>) for a configuration that no longer names that bridge.
    /// </param>
    private static string? OriginalMaster(PlanContext context, string path, LinkOriginal? original, HashSet<string> deleted, bool namedInNoBridge = false)
    {
        if (original?.Master is not { } master || master.Length == 0)
        {
            return original?.Master;
        }
        if (namedInNoBridge && context.Desired.Bridges.Any(bridge => bridge.Name.Value == master))
        {
            // Null: released from it, as from every bridge the configuration manages.
            return null;
        }
        if (context.Kernel.Link(master) is { Kind: "bridge" } && !deleted.Contains(master))
        {
            return master;
        }
        context.Findings.Add(ConfigFinding.Warning(path,
            $"{original.Device} was a port of bridge {master} before the engine changed it; {master} is gone, so {original.Device} is put in no bridge"));
        return "";
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
            steps.Add(new ChangeLinkStep(path, name, bridge.Mtu?.Value, bridge.Enabled, null, bridge.Mac,
                bridge.Enabled ? $"bring {name} up" : $"leave {name} down"));
            return;
        }
        var original = context.Originals.Of(name);
        // Without VLAN filtering the configuration leaves protocol and default PVID to the kernel: what it had, if the engine changed them.
        var change = BridgeOriginals.Difference(wanted with
        {
            VlanFiltering = bridge.VlanFiltering,
            VlanProtocol = wanted.VlanProtocol ?? original?.Bridge?.VlanProtocol,
            DefaultPvid = wanted.DefaultPvid ?? original?.Bridge?.DefaultPvid,
        }, existing.Bridge ?? new BridgeAttributes());
        if (change != new BridgeAttributes())
        {
            steps.Add(new ChangeBridgeStep(path, name, change, $"change bridge {name}: {Describe(change)}"));
        }
        AddChange(steps, path, existing, bridge.Mtu?.Value ?? original?.Mtu, bridge.Enabled, null, bridge.Mac ?? original?.Mac, managedBridges: []);
    }

    private static void PlanVlan(PlanContext context, List<PlanStep> steps, VlanDevice vlan, DeviceGraph graph, HashSet<string> managedBridges,
        HashSet<InterfaceName> ownedVlans, HashSet<string> deleted)
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
        AddChange(steps, path, existing, vlan.Mtu?.Value ?? original?.Mtu, vlan.Enabled,
            graph.BridgeOf(vlan.Name)?.ToString() ?? OriginalMaster(context, path, original, deleted, namedInNoBridge: true), original?.Mac, managedBridges);
    }

    /// <summary>One change step for whatever differs of MTU, admin state, bridge membership and MAC (null: leave it).</summary>
    /// <param name="master">The bridge to be in; "" for none; null to leave it, unless it is a bridge of <paramref name="managedBridges"/>.</param>
    private static void AddChange(List<PlanStep> steps, string path, KernelLink link, int? mtu, bool? up, string? master, MacAddress? mac, HashSet<string> managedBridges)
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
        if (master is { Length: > 0 } && link.Master != master)
        {
            newMaster = master;
            what.Add($"join bridge {master}");
        }
        else if (master is "" && link.Master is { } former)
        {
            newMaster = "";
            what.Add($"leave bridge {former}");
        }
        else if (master is null && link.Master is { } current && managedBridges.Contains(current))
        {
            // Released only from bridges the engine manages: someone else's bridge is not ours to change.
            newMaster = "";
            what.Add($"leave bridge {current}");
        }
        var newMac = mac is not null && mac != link.Mac ? mac : null;
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

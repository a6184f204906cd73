using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Management;

/// <summary>
/// Changes to the links under the client's interface that may cut it off: the interface or a
/// device it stands on removed or disabled, a VLAN device's tag or parent changed, or a bridge's
/// ports or VLAN settings changed. Which bridge port the client is behind is unknown to the
/// router's configuration, so any such bridge change is reported as a possibility.
/// </summary>
internal static class ManagementLinks
{
    public static IEnumerable<ManagementWarning> Changes(RouterConfig running, RouterConfig candidate, InterfaceName device)
    {
        var seen = new HashSet<InterfaceName>();
        var pending = new Stack<InterfaceName>([device]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
                continue;
            foreach (var warning in Changes(running, candidate, device, current, pending))
                yield return warning;
        }
    }

    private static IEnumerable<ManagementWarning> Changes(RouterConfig running, RouterConfig candidate, InterfaceName device, InterfaceName current, Stack<InterfaceName> pending)
    {
        var through = current == device ? $"through {device}" : $"through {device}, which stands on {current}";
        if (running.Vlans.FirstOrDefault(vlan => vlan.Name == current) is { } vlanBefore)
        {
            var path = ConfigPath.Item("vlans", current);
            var vlanAfter = candidate.Vlans.FirstOrDefault(vlan => vlan.Name == current);
            if (vlanAfter is null)
                yield return new(path, $"You are connected {through}; the change removes VLAN device {current}, so you may lose this dashboard.");
            else if (!vlanAfter.Enabled && vlanBefore.Enabled)
                yield return new(path.Field("enabled"), $"You are connected {through}; the change disables VLAN device {current}, so you may lose this dashboard.");
            else if (vlanAfter.Id != vlanBefore.Id || vlanAfter.Parent != vlanBefore.Parent || vlanAfter.Protocol != vlanBefore.Protocol)
                yield return new(path, $"You are connected {through}; the change moves VLAN device {current} to another tag or parent, so your frames may no longer reach it.");
            pending.Push(vlanBefore.Parent);
        }
        else if (running.Bridges.FirstOrDefault(bridge => bridge.Name == current) is { } bridgeBefore)
        {
            foreach (var warning in BridgeChanges(running, candidate, bridgeBefore, through))
                yield return warning;
        }
        else if (running.Ports.FirstOrDefault(port => port.Name == current) is { } portBefore)
        {
            var path = ConfigPath.Item("ports", current);
            var portAfter = candidate.Ports.FirstOrDefault(port => port.Name == current);
            if (portAfter is null)
                yield return new(path, $"You are connected {through}; the change removes port {current} from the configuration, so you may lose this dashboard.");
            else if (!portAfter.Enabled && portBefore.Enabled)
                yield return new(path.Field("enabled"), $"You are connected {through}; the change sets port {current} down, so you will lose this dashboard.");
        }
    }

    private static IEnumerable<ManagementWarning> BridgeChanges(RouterConfig running, RouterConfig candidate, Bridge before, string through)
    {
        var path = ConfigPath.Item("bridges", before.Name);
        var after = candidate.Bridges.FirstOrDefault(bridge => bridge.Name == before.Name);
        if (after is null)
        {
            yield return new(path, $"You are connected {through}; the change removes bridge {before.Name}, so you may lose this dashboard.");
            yield break;
        }
        if (!after.Enabled && before.Enabled)
            yield return new(path.Field("enabled"), $"You are connected {through}; the change disables bridge {before.Name}, so you may lose this dashboard.");
        if (after.Ports != before.Ports)
            yield return new(path.Field("ports"), $"The change alters the ports of bridge {before.Name} or their VLANs: if you are connected through one of its ports, you may lose this dashboard.");
        if (after.VlanFiltering != before.VlanFiltering || after.VlanProtocol != before.VlanProtocol || after.DefaultPvid != before.DefaultPvid || after.SelfVlans != before.SelfVlans)
            yield return new(path, $"The change alters the VLAN settings of bridge {before.Name}: if you are connected through one of its ports, your frames may no longer reach the router, and you may lose this dashboard.");
        // A member port set down cuts whoever is behind it, even when the bridge's list stays the same.
        foreach (var member in before.Ports)
        {
            if (running.Ports.FirstOrDefault(port => port.Name == member.Name) is { Enabled: true }
                && candidate.Ports.FirstOrDefault(port => port.Name == member.Name) is { Enabled: false })
                yield return new(ConfigPath.Item("ports", member.Name).Field("enabled"), $"The change sets port {member.Name} of bridge {before.Name} down: if you are connected through it, you will lose this dashboard.");
        }
    }
}

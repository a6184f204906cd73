using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Management;

/// <summary>
/// Whether a configuration lets a new TCP connection from the client, coming in by a given
/// interface, reach the management port on the router itself. It follows the order the engine's
/// ruleset gives the kernel (RulesetGenerator): destination NAT (port forwards) first, then the
/// input chain, where an interface in no zone gets nothing, and a zone's enabled input rules come
/// before its input policy.
/// </summary>
internal static class ManagementInput
{
    /// <summary>Null when the connection is accepted; otherwise why not, at the path that decides it.</summary>
    public static ManagementWarning? Judge(RouterConfig config, InterfaceName device, IpAddress client, PortRange port)
    {
        var topology = new FirewallTopology(config);
        var zone = topology.ZoneOf(device);
        if (zone is null)
        {
            return new("firewall.zones",
                $"You are connected from {client} through {device}, which will be in no firewall zone: the router accepts no new connection from an interface in no zone, so you may lose this dashboard (port {port}).");
        }
        var zonePath = ConfigPath.Item("firewall.zones", zone.Name);
        var forward = TakingForward(config, topology, zone, device, client, port);
        if (forward is not null)
        {
            return new(ConfigPath.Item("firewall.portForwards", forward.Name),
                $"Port forward {forward.Name} sends TCP port {port} from zone {zone.Name} on to {forward.InsideHost}: your connections from {client} to this dashboard would go there instead of to the router.");
        }
        if (config.FirewallOrDefault.InputRules.Any(rule => rule.Enabled && rule.Zone == zone.Name && Admits(rule, client, port)))
            return null;
        if (zone.Input == ZonePolicy.Accept)
            return null;
        return new(zonePath.Field("input"),
            $"You are connected from {client} through {device} in zone {zone.Name}, whose input policy will be {zone.Input.ToString().ToLowerInvariant()} with no input rule opening TCP port {port} to you: you may lose this dashboard.");
    }

    /// <summary>An input rule matches TCP (its own or "any", which the ruleset writes as tcp and udp), the port and the client.</summary>
    private static bool Admits(InputRule rule, IpAddress client, PortRange port) =>
        rule.Protocol is L4Protocol.Tcp or L4Protocol.Any
        && (rule.Ports.Count == 0 || rule.Ports.Any(ports => ports.Contains(port)))
        && (rule.Source is null || rule.Source.Contains(client));

    /// <summary>
    /// An enabled port forward from the client's zone that takes TCP on the management port from
    /// this client. Port forwards are IPv4 only. One fixed to another outside address takes only
    /// connections to that address, which the client, reaching the router on its own network, is
    /// taken not to use unless it is the router's address on the client's interface.
    /// </summary>
    private static PortForward? TakingForward(RouterConfig config, FirewallTopology topology, Zone zone, InterfaceName device, IpAddress client, PortRange port)
    {
        if (client.Family != IpFamily.Ipv4)
            return null;
        return config.FirewallOrDefault.PortForwards.FirstOrDefault(forward => forward.Enabled
            && forward.From == zone.Name
            && forward.Carries(L4Protocol.Tcp)
            && forward.OutsidePort.Overlaps(port)
            && (forward.Source is null || forward.Source.Contains(client))
            && (forward.OutsideAddress is null || config.Addresses.Any(assignment => assignment.Device == device && assignment.Address.Address.Equals(forward.OutsideAddress))))
            is { } found && topology.Zone(found.From) is not null ? found : null;
    }
}

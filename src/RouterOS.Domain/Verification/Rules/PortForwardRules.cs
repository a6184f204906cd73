using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>Port forwards: where they come from, where they go, and that no two claim a port.</summary>
internal static class PortForwardRules
{
    public static void Check(VerifyContext context)
    {
        var firewall = context.Config.FirewallOrDefault;
        if (firewall.PortForwards.IsEmpty)
            return;
        var topology = new FirewallTopology(context.Config);
        foreach (var forward in firewall.PortForwards)
            CheckForward(context, topology, forward);
        CheckClaims(context, firewall);
    }

    private static void CheckForward(VerifyContext context, FirewallTopology topology, PortForward forward)
    {
        var path = ConfigPath.Item("firewall.portForwards", forward.Name);
        if (topology.Zone(forward.From) is null)
            context.Error(path.Field("from"), $"no such zone: {forward.From}");
        CheckInsideHost(context, topology, forward, path.Field("insideHost"));
        if (forward.EffectiveInsidePort.Last - forward.EffectiveInsidePort.First != forward.OutsidePort.Last - forward.OutsidePort.First)
            context.Error(path.Field("insidePort"), $"the inside ports {forward.EffectiveInsidePort} are not as many as the outside ports {forward.OutsidePort}: each outside port goes to one inside port");
        else if (forward.ShiftsPorts && forward.OutsidePort.Last - forward.OutsidePort.First + 1 > Limits.ShiftedPortsPerForward)
            context.Error(path.Field("insidePort"), $"a range of more than {Limits.ShiftedPortsPerForward} ports can be forwarded only to the same ports inside: leave insidePort out or use {forward.OutsidePort}");
        if (forward.OutsideAddress is { Family: not IpFamily.Ipv4 } outside)
            context.Error(path.Field("outsideAddress"), $"{outside} is IPv6: port forwards translate IPv4 (an IPv6 host is opened with a forward rule)");
        if (forward.Source is { Family: not IpFamily.Ipv4 } source)
            context.Error(path.Field("source"), $"{source} is IPv6: port forwards translate IPv4");
    }

    private static void CheckInsideHost(VerifyContext context, FirewallTopology topology, PortForward forward, string path)
    {
        var host = forward.InsideHost;
        if (host.Family != IpFamily.Ipv4)
        {
            context.Error(path, $"{host} is IPv6: an IPv6 host has a public address of its own, so open it with a forward rule instead of a port forward");
            return;
        }
        if (host.Address.GetAddressBytes()[0] == 127)
        {
            context.Error(path, $"{host} is the router's loopback, where its management API and dashboard listen: a forward there would expose them to zone {forward.From}");
            return;
        }
        if (topology.IsRouterAddress(host))
        {
            context.Error(path, $"{host} is the router itself: open a service on the router with an input rule, not a port forward (a forward onto the router could expose its management API and dashboard)");
            return;
        }
        if (topology.NetworkOf(host) is not { } network)
        {
            context.Error(path, $"{host} is in no LAN network of this router: no static IPv4 address's subnet holds it");
            return;
        }
        var zone = topology.ZoneOf(network.Device);
        if (zone is null)
            context.Error(path, $"{host} is on {network.Device} ({network.Address.Subnet}), which is in no zone: nothing is forwarded to it");
        else if (zone.Name == forward.From)
            context.Error(path, $"{host} is on {network.Device}, in zone {forward.From} itself: a port forward leads from one zone into another");
    }

    /// <summary>Two enabled forwards from one zone may not take the same port of the same protocol and address.</summary>
    private static void CheckClaims(VerifyContext context, FirewallSettings firewall)
    {
        var enabled = firewall.PortForwards.Where(forward => forward.Enabled).ToList();
        for (var i = 0; i < enabled.Count; i++)
        {
            var later = enabled[i];
            foreach (var earlier in enabled.Take(i))
            {
                if (Collide(earlier, later))
                {
                    context.Error(ConfigPath.Item("firewall.portForwards", later.Name).Field("outsidePort"),
                        $"port {later.OutsidePort} from zone {later.From} is already forwarded by {earlier.Name} ({earlier.OutsidePort} {Describe(earlier.Protocol)}): a port can go to one host only");
                    break;
                }
            }
        }
        foreach (var forward in enabled)
            WarnShadowedInputRules(context, firewall, forward);
    }

    private static bool Collide(PortForward a, PortForward b) =>
        a.From == b.From
        && (a.Protocol == b.Protocol || a.Protocol == ForwardedProtocol.Both || b.Protocol == ForwardedProtocol.Both)
        && a.OutsidePort.Overlaps(b.OutsidePort)
        && (a.OutsideAddress is null || b.OutsideAddress is null || a.OutsideAddress.Equals(b.OutsideAddress));

    /// <summary>Destination NAT comes before input: an input rule for the same port of the router never sees a connection.</summary>
    private static void WarnShadowedInputRules(VerifyContext context, FirewallSettings firewall, PortForward forward)
    {
        foreach (var rule in firewall.InputRules.Where(rule => rule.Enabled && rule.Zone == forward.From))
        {
            var protocols = rule.Protocol == L4Protocol.Any ? [L4Protocol.Tcp, L4Protocol.Udp] : new[] { rule.Protocol };
            if (protocols.Any(forward.Carries) && rule.Ports.Any(ports => ports.Overlaps(forward.OutsidePort)))
            {
                context.Warning(ConfigPath.Item("firewall.portForwards", forward.Name).Field("outsidePort"),
                    $"input rule {rule.Name} opens port {forward.OutsidePort} of the router to zone {forward.From} too, but this forward takes those connections first: the router's own service there is not reachable from {forward.From}");
            }
        }
    }

    private static string Describe(ForwardedProtocol protocol) => protocol switch
    {
        ForwardedProtocol.Tcp => "TCP",
        ForwardedProtocol.Udp => "UDP",
        _ => "TCP and UDP",
    };
}

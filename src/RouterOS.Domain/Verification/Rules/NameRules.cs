using RouterOS.Domain.Topology;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>
/// Keys are unique: device names across all device kinds (the kernel has one name space for
/// links), and each kind of named object within its list.
/// </summary>
internal static class NameRules
{
    public static void Check(VerifyContext context)
    {
        var config = context.Config;
        var devices = config.Ports.Select(p => (p.Name, Kind: DeviceKind.Port))
            .Concat(config.Bridges.Select(b => (b.Name, Kind: DeviceKind.Bridge)))
            .Concat(config.Vlans.Select(v => (v.Name, Kind: DeviceKind.Vlan)))
            .Concat(config.Pppoe.Select(p => (p.Name, Kind: DeviceKind.Pppoe)));
        var firstSeen = new Dictionary<string, DeviceKind>(config.Ports.Count + config.Bridges.Count + config.Vlans.Count + config.Pppoe.Count, StringComparer.Ordinal);
        foreach (var (name, kind) in devices)
        {
            if (firstSeen.TryAdd(name.Value, kind))
                continue;
            var other = firstSeen[name.Value];
            var where = other == kind ? $"another {kind.Describe()}" : $"a {other.Describe()}";
            context.Error(ConfigPath.Item(kind.ListName(), name), $"the name {name} is already used by {where}; device names must be unique across ports, bridges, VLAN devices and PPPoE uplinks");
        }

        var firewall = config.FirewallOrDefault;
        RequireUnique(context, "flowtables", config.Flowtables.Count, config.Flowtables.Select(f => f.Name.Value), "flowtable");
        RequireUnique(context, "offloadPolicy", config.OffloadPolicy.Count, config.OffloadPolicy.Select(r => r.Name.Value), "offload rule");
        RequireUnique(context, "firewall.zones", firewall.Zones.Count, firewall.Zones.Select(z => z.Name.Value), "zone");
        RequireUnique(context, "firewall.forwardings", firewall.Forwardings.Count, firewall.Forwardings.Select(f => f.Key), "forwarding");
        RequireUnique(context, "firewall.inputRules", firewall.InputRules.Count, firewall.InputRules.Select(r => r.Name.Value), "input rule");
        RequireUnique(context, "firewall.portForwards", firewall.PortForwards.Count, firewall.PortForwards.Select(r => r.Name.Value), "port forward");
        RequireUnique(context, "firewall.sourceNat", firewall.SourceNat.Count, firewall.SourceNat.Select(r => r.Name.Value), "source NAT rule");
        RequireUnique(context, "firewall.forwardRules", firewall.ForwardRules.Count, firewall.ForwardRules.Select(r => r.Name.Value), "forward rule");
        RequireUnique(context, "routes", config.Routes.Count, config.Routes.Select(r => r.Key), "route");
        RequireUnique(context, "dhcp.clients", config.DhcpOrDefault.Clients.Count, config.DhcpOrDefault.Clients.Select(c => c.Device.Value), "DHCP client on");
        var ipv6 = config.Ipv6OrDefault;
        RequireUnique(context, "ipv6.clients", ipv6.Clients.Count, ipv6.Clients.Select(c => c.Uplink.Value), "DHCPv6 client on");
        RequireUnique(context, "ipv6.staticPrefixes", ipv6.StaticPrefixes.Count, ipv6.StaticPrefixes.Select(p => p.Uplink.Value), "static prefix on");
        RequireUnique(context, "ipv6.lans", ipv6.Lans.Count, ipv6.Lans.Select(l => l.Device.Value), "IPv6 LAN on");
        RequireUnique(context, "dhcp.servers", config.DhcpOrDefault.Servers.Count, config.DhcpOrDefault.Servers.Select(s => s.Device.Value), "DHCP server on");
        RequireUnique(context, "shaping", config.Shaping.Count, config.Shaping.Select(s => s.Device.Value), "shaper on");
    }

    private static void RequireUnique(VerifyContext context, string list, int count, IEnumerable<string> keys, string what)
    {
        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!seen.Add(key))
                context.Error(ConfigPath.Item(list, key), $"{what} {key} appears more than once; each may appear only once");
        }
    }
}

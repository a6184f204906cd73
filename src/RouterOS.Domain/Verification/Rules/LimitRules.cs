using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>
/// Every list within <see cref="Limits"/>, and VLAN devices stacked no deeper than a real network
/// stacks them. Runs before the other rules, in time linear in the configuration's size however
/// large it is; the others run only on a configuration within the limits.
/// </summary>
internal static class LimitRules
{
    /// <returns>True when every list is within its limit, so the other rules' work is bounded.</returns>
    public static bool Check(VerifyContext context)
    {
        var errorsBefore = context.Findings.Count;
        var config = context.Config;
        AtMost(context, "ports", config.Ports.Count, Limits.Ports, "ports");
        AtMost(context, "bridges", config.Bridges.Count, Limits.Bridges, "bridges");
        AtMost(context, "vlans", config.Vlans.Count, Limits.VlanDevices, "VLAN devices");
        AtMost(context, "pppoe", config.Pppoe.Count, Limits.PppoeUplinks, "PPPoE uplinks");
        AtMost(context, "addresses", config.Addresses.Count, Limits.Addresses, "addresses");
        AtMost(context, "routes", config.Routes.Count, Limits.Routes, "routes");
        AtMost(context, "flowtables", config.Flowtables.Count, Limits.Flowtables, "flowtables");
        AtMost(context, "offloadPolicy", config.OffloadPolicy.Count, Limits.OffloadRules, "offload rules");
        AtMost(context, "shaping", config.Shaping.Count, Limits.Shapers, "traffic shapers");
        CheckBridges(context, config);
        CheckServices(context, config);
        CheckFirewall(context, config.FirewallOrDefault);
        foreach (var flowtable in config.Flowtables)
            AtMost(context, ConfigPath.Item("flowtables", flowtable.Name).Field("devices"), flowtable.Devices.Count, Limits.DevicesPerFlowtable, "devices");
        foreach (var rule in config.OffloadPolicy)
            AtMost(context, ConfigPath.Item("offloadPolicy", rule.Name).Field("match").Field("destinationPorts"), rule.MatchOrDefault.DestinationPorts.Count, Limits.PortRangesPerRule, "port ranges");
        var withinCounts = context.Findings.Count == errorsBefore;
        // Depth is bounded by the count of VLAN devices, so a stack too deep stops nothing else.
        CheckVlanStacking(context, config);
        return withinCounts;
    }

    private static void CheckBridges(VerifyContext context, RouterConfig config)
    {
        var entries = 0;
        foreach (var bridge in config.Bridges)
        {
            var path = ConfigPath.Item("bridges", bridge.Name);
            AtMost(context, path.Field("ports"), bridge.Ports.Count, Limits.PortsPerBridge, "ports");
            AtMost(context, path.Field("selfVlans"), bridge.SelfVlans.Count, Limits.VlansPerBridgePort, "VLANs");
            entries += bridge.SelfVlans.Count;
            foreach (var port in bridge.Ports)
            {
                AtMost(context, path.Item("ports", port.Name).Field("vlans"), port.Vlans.Count, Limits.VlansPerBridgePort, "VLANs");
                entries += port.Vlans.Count;
            }
        }
        AtMost(context, "bridges", entries, Limits.BridgeVlanEntries, "bridge VLAN entries (ports' and bridges' own, together)");
    }

    private static void CheckServices(VerifyContext context, RouterConfig config)
    {
        var dhcp = config.DhcpOrDefault;
        AtMost(context, "dhcp.clients", dhcp.Clients.Count, Limits.DhcpClients, "DHCP clients");
        AtMost(context, "dhcp.servers", dhcp.Servers.Count, Limits.DhcpServers, "DHCP servers");
        var ipv6 = config.Ipv6OrDefault;
        AtMost(context, "ipv6.clients", ipv6.Clients.Count, Limits.Dhcpv6Clients, "DHCPv6 clients");
        AtMost(context, "ipv6.staticPrefixes", ipv6.StaticPrefixes.Count, Limits.Dhcpv6Clients, "static prefixes");
        AtMost(context, "ipv6.lans", ipv6.Lans.Count, Limits.Ipv6Lans, "IPv6 LANs");
        var leases = 0;
        foreach (var server in dhcp.Servers)
        {
            var path = ConfigPath.Item("dhcp.servers", server.Device);
            AtMost(context, path.Field("staticLeases"), server.StaticLeases.Count, Limits.StaticLeasesPerServer, "static leases");
            AtMost(context, path.Field("dnsServers"), server.DnsServers.Count, Limits.DnsServersPerDhcpServer, "DNS servers");
            leases += server.StaticLeases.Count;
        }
        AtMost(context, "dhcp.servers", leases, Limits.StaticLeases, "static leases (all servers together)");
        AtMost(context, "dns.upstreamServers", config.DnsOrDefault.UpstreamServers.Count, Limits.UpstreamDnsServers, "upstream DNS servers");
        AtMost(context, "dns.hosts", config.DnsOrDefault.Hosts.Count, Limits.DnsHosts, "static DNS host names");
    }

    private static void CheckFirewall(VerifyContext context, FirewallSettings firewall)
    {
        AtMost(context, "firewall.zones", firewall.Zones.Count, Limits.Zones, "zones");
        AtMost(context, "firewall.forwardings", firewall.Forwardings.Count, Limits.Forwardings, "forwardings");
        AtMost(context, "firewall.inputRules", firewall.InputRules.Count, Limits.InputRules, "input rules");
        foreach (var zone in firewall.Zones)
            AtMost(context, ConfigPath.Item("firewall.zones", zone.Name).Field("interfaces"), zone.Interfaces.Count, Limits.InterfacesPerZone, "interfaces");
        foreach (var rule in firewall.InputRules)
            AtMost(context, ConfigPath.Item("firewall.inputRules", rule.Name).Field("ports"), rule.Ports.Count, Limits.PortRangesPerRule, "port ranges");
        AtMost(context, "firewall.portForwards", firewall.PortForwards.Count, Limits.PortForwards, "port forwards");
        AtMost(context, "firewall.sourceNat", firewall.SourceNat.Count, Limits.SourceNatRules, "source NAT rules");
        AtMost(context, "firewall.forwardRules", firewall.ForwardRules.Count, Limits.ForwardRules, "forward rules");
        foreach (var rule in firewall.ForwardRules)
        {
            var path = ConfigPath.Item("firewall.forwardRules", rule.Name);
            AtMost(context, path.Field("ports"), rule.Ports.Count, Limits.PortRangesPerRule, "port ranges");
            AtMost(context, path.Field("icmpTypes"), rule.IcmpTypes.Count, Limits.IcmpTypesPerRule, "ICMP types");
        }
    }

    // Reported once per stack, at the device that first goes past the limit (each VLAN device adds
    // exactly one tag to its parent's, so every deeper stack passes through one at limit + 1).
    private static void CheckVlanStacking(VerifyContext context, RouterConfig config)
    {
        foreach (var vlan in config.Vlans)
        {
            if (context.Devices.VlanDepth(vlan.Name) != Limits.VlanStackDepth + 1 || context.Devices.Find(vlan.Name)?.Kind != DeviceKind.Vlan)
                continue;
            context.Error(ConfigPath.Item("vlans", vlan.Name).Field("parent"),
                $"{vlan.Name} stacks {Limits.VlanStackDepth + 1} VLAN tags on its frames; the limit is {Limits.VlanStackDepth} (QinQ needs 2). Put it on a device with fewer VLAN devices under it");
        }
    }

    private static void AtMost(VerifyContext context, string path, int count, int limit, string what)
    {
        if (count > limit)
            context.Error(path, $"{count} {what}; the limit is {limit} (see Limits in docs/configuration.md). The rest of the configuration is checked once it is within the limits");
    }
}

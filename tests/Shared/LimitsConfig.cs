using System.Globalization;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Testing;

/// <summary>
/// A valid configuration with every list as full as <see cref="Limits"/> allows at once (where
/// two limits compete, such as bridge members and addressed VLAN devices, the larger list wins):
/// the biggest configuration verify and plan must handle within their budget.
/// </summary>
internal static class LimitsConfig
{
    public static RouterConfig Build()
    {
        var ports = Enumerable.Range(0, Limits.Ports).Select(i => new Port(Name($"eth{i}"))).ToList();
        var vlans = Enumerable.Range(1, Limits.VlanDevices).Select(i => new VlanDevice(Name($"v{i}"), Name("eth1"), VlanId.From(i))).ToList();
        var addresses = vlans.SelectMany((v, i) => new[]
        {
            new AddressAssignment(v.Name, InterfaceAddress.Parse(Invariant($"10.{i / 256}.{i % 256}.1/24"))),
            new AddressAssignment(v.Name, InterfaceAddress.Parse(Invariant($"fd00:0:{i:x}::1/64"))),
        }).ToList();
        var routes = Enumerable.Range(0, Limits.Routes)
            .Select(i => new StaticRoute(Cidr.Parse(Invariant($"172.16.{i / 256}.{i % 256}/32")), IpAddress.Parse(Invariant($"10.{i / 256}.{i % 256}.254")))).ToList();
        var bridges = Bridges(ports);
        var uplinks = Enumerable.Range(0, Limits.PppoeUplinks)
            .Select(i => new PppoeUplink(Name($"ppp{i}"), Name("eth0"), PlainText.Parse("user"), Secret.Parse("password"), DefaultRoute: false)).ToList();
        var clients = bridges.TakeLast(Limits.DhcpClients).Select((b, i) => new DhcpClient(b.Name, RouteMetric: 100 + i)).ToList();
        var servers = vlans.Take(Limits.DhcpServers).Select((v, i) => new DhcpServer(v.Name,
            IpAddress.Parse(Invariant($"10.{i / 256}.{i % 256}.100")), IpAddress.Parse(Invariant($"10.{i / 256}.{i % 256}.200")),
            DnsServers: [.. Enumerable.Range(1, Limits.DnsServersPerDhcpServer).Select(d => IpAddress.Parse(Invariant($"192.0.2.{d}")))],
            StaticLeases: [.. Enumerable.Range(0, Limits.StaticLeases / Limits.DhcpServers).Select(l => new StaticLease(
                MacAddress.Parse(Invariant($"02:00:00:{i / 256:x2}:{i % 256:x2}:{l:x2}")), IpAddress.Parse(Invariant($"10.{i / 256}.{i % 256}.{10 + l}"))))])).ToList();
        var flowtables = Flowtables(bridges, vlans);
        var rules = Enumerable.Range(0, Limits.OffloadRules).Select(i => new OffloadRule(Object($"r{i}"), OffloadAction.Offload, flowtables[0].Name,
            new OffloadMatch(L4Protocol.Tcp, vlans[i].Name, DestinationPorts: [.. Enumerable.Range(0, Limits.PortRangesPerRule).Select(p => PortRange.OfPort(1000 + p))]))).ToList();
        return new RouterConfig(RouterConfig.CurrentSchemaVersion, Ports: [.. ports], Bridges: [.. bridges], Vlans: [.. vlans], Pppoe: [.. uplinks],
            Addresses: [.. addresses], Routes: [.. routes], Dhcp: new DhcpSettings([.. clients], [.. servers]),
            Dns: new DnsSettings(UpstreamServers: [.. Enumerable.Range(1, Limits.UpstreamDnsServers).Select(d => IpAddress.Parse(Invariant($"198.51.100.{d}")))],
                Hosts: [.. Enumerable.Range(0, Limits.DnsHosts).Select(h => new DnsHost(DnsName.Parse(Invariant($"host{h}.lan")), IpAddress.Parse(Invariant($"10.255.{h / 256}.{h % 256}"))))]),
            Flowtables: [.. flowtables], OffloadPolicy: [.. rules], Firewall: Firewall(vlans, bridges, uplinks),
            Shaping: [.. vlans.Take(Limits.Shapers).Select(v => new TrafficShaper(v.Name, 100_000))]);
    }

    /// <summary>
    /// br0 trunks every VLAN on as many ports as the bridge VLAN entries allow, and one more port
    /// carries the entries left over (every entry allowed); the rest share the other ports.
    /// </summary>
    private static List<Bridge> Bridges(List<Port> ports)
    {
        var trunks = Limits.BridgeVlanEntries / Limits.VlansPerBridgePort;
        var leftOver = Limits.BridgeVlanEntries % Limits.VlansPerBridgePort;
        var members = Enumerable.Repeat(Limits.VlansPerBridgePort, trunks).Append(leftOver).Where(count => count > 0).ToList();
        var bridges = new List<Bridge>
        {
            new(Name("br0"), [.. ports.Skip(2).Zip(members, (p, count) => new BridgePort(p.Name, [.. Enumerable.Range(1, count).Select(v => new BridgeVlan(VlanId.From(v)))]))], VlanFiltering: true),
        };
        var rest = ports.Skip(2 + members.Count).ToList();
        for (var b = 1; b < Limits.Bridges; b++)
            bridges.Add(new Bridge(Name($"br{b}"), [.. rest.Skip((b - 1) * 2).Take(2).Select(p => new BridgePort(p.Name))]));
        return bridges;
    }

    /// <summary>ft0 hooks the uplinks and the VLAN trunk (through as many VLAN devices as a flowtable may list); the others one bridge each.</summary>
    private static List<Flowtable> Flowtables(List<Bridge> bridges, List<VlanDevice> vlans)
    {
        var first = new Flowtable(Object("ft0"), [Name("eth0"), .. vlans.Take(Limits.DevicesPerFlowtable - 1).Select(v => v.Name)]);
        return [first, .. Enumerable.Range(1, Limits.Flowtables - 1).Select(f => new Flowtable(Object($"ft{f}"), [bridges[f].Name]))];
    }

    private static FirewallSettings Firewall(List<VlanDevice> vlans, List<Bridge> bridges, List<PppoeUplink> uplinks)
    {
        var lan = new Zone(Object("lan"), [.. vlans.Select(v => v.Name)], ZonePolicy.Accept);
        var wan = new Zone(Object("wan"), [Name("eth0"), .. uplinks.Select(u => u.Name), .. bridges.TakeLast(Limits.DhcpClients).Select(b => b.Name)], Masquerade: true, MssClamping: true);
        // The other zones take one bridge each while bridges last (the DHCP clients' are in wan).
        var others = Enumerable.Range(2, Limits.Zones - 2).Select(z => new Zone(Object($"z{z}"),
            z - 1 < Limits.Bridges - Limits.DhcpClients ? [bridges[z - 1].Name] : [])).ToList();
        var zones = new List<Zone> { lan, wan }.Concat(others).ToList();
        var forwardings = zones.SelectMany(from => zones.Where(to => to != from).Take(Limits.Forwardings / Limits.Zones).Select(to => new ZoneForwarding(from.Name, to.Name))).ToList();
        var inputRules = Enumerable.Range(0, Limits.InputRules).Select(i => new InputRule(Object($"in{i}"), Object("lan"), L4Protocol.Tcp,
            [.. Enumerable.Range(0, Limits.PortRangesPerRule).Select(p => PortRange.OfPort(2000 + (i * Limits.PortRangesPerRule) + p))])).ToList();
        // One forward shifts the most ports a forward may; the rest forward one port each to a
        // host in a VLAN of the lan zone, all with hairpin (a thousand addresses beside wan).
        var portForwards = Enumerable.Range(0, Limits.PortForwards).Select(i => i == 0
            ? new PortForward(Object("pf0"), Object("wan"), ForwardedProtocol.Both, PortRange.Parse(Invariant($"1024-{1023 + Limits.ShiftedPortsPerForward}")), IpAddress.Parse("10.0.0.10"), PortRange.Parse(Invariant($"2024-{2023 + Limits.ShiftedPortsPerForward}")))
            : new PortForward(Object($"pf{i}"), Object("wan"), ForwardedProtocol.Tcp, PortRange.OfPort(30000 + i), IpAddress.Parse(Invariant($"10.{i / 256}.{i % 256}.10")), PortRange.OfPort(80))).ToList();
        var sourceNat = Enumerable.Range(0, Limits.SourceNatRules).Select(i => new SourceNatRule(Object($"sn{i}"), Object("wan"),
            Cidr.Parse(Invariant($"198.51.100.{i * 4}/30")), Cidr.Parse(Invariant($"10.{i / 256}.{i % 256}.0/24")))).ToList();
        var forwardRules = Enumerable.Range(0, Limits.ForwardRules).Select(i => new ForwardRule(Object($"fr{i}"), Object("lan"), Object("wan"), RuleProtocol.Udp,
            [.. Enumerable.Range(0, Limits.PortRangesPerRule).Select(p => PortRange.OfPort(40000 + (i * Limits.PortRangesPerRule) + p))],
            Source: Cidr.Parse(Invariant($"10.{i / 256}.{i % 256}.0/24")), SetDscp: Dscp.From(i % 64))).ToList();
        return new FirewallSettings([.. zones], [.. forwardings], [.. inputRules], [.. portForwards], [.. sourceNat], [.. forwardRules],
            new FirewallDefaults(SynFloodProtection: true));
    }

    private static InterfaceName Name(string name) => InterfaceName.Parse(name);

    private static ObjectName Object(string name) => ObjectName.Parse(name);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

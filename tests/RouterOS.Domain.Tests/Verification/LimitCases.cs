using System.Globalization;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Tests.Verification;

/// <summary>
/// One list per limit: a valid configuration holding <c>n</c> items in it, and the path where verify
/// reports one too many.
/// </summary>
public sealed record LimitCase(string List, int Limit, string Path, Func<int, RouterConfig> Build)
{
    public override string ToString() => List;
}

public static class LimitCases
{
    private static readonly RouterConfig Base = new(RouterConfig.CurrentSchemaVersion, Ports: [new Port(Name("eth0")), new Port(Name("eth1"))]);

    public static IEnumerable<LimitCase> All =>
    [
        new("ports", Limits.Ports, "ports", n => Base with { Ports = [.. Ports(n)] }),
        new("bridges", Limits.Bridges, "bridges", n => Base with { Bridges = [.. Range(n).Select(i => new Bridge(Name($"br{i}")))] }),
        // Members are ports or VLAN devices: VLAN devices up to their own limit, then ports.
        new("bridge ports", Limits.PortsPerBridge, "bridges[br0].ports", n => Base with
        {
            Ports = [.. Ports(Math.Max(1, n - Limits.VlanDevices + 1))],
            Vlans = [.. Vlans(Math.Min(n, Limits.VlanDevices))],
            Bridges = [new Bridge(Name("br0"), [.. Vlans(Math.Min(n, Limits.VlanDevices)).Select(v => v.Name).Concat(Ports(n - Limits.VlanDevices + 1).Skip(1).Select(p => p.Name)).Select(m => new BridgePort(m))])],
        }),
        new("VLANs of a bridge port", Limits.VlansPerBridgePort, "bridges[br0].ports[eth1].vlans", n => Base with
        {
            Bridges = [new Bridge(Name("br0"), [new BridgePort(Name("eth1"), [.. BridgeVlans(n)])], VlanFiltering: true)],
        }),
        new("VLANs of a bridge itself", Limits.VlansPerBridgePort, "bridges[br0].selfVlans", n => Base with
        {
            Bridges = [new Bridge(Name("br0"), VlanFiltering: true, SelfVlans: [.. BridgeVlans(n)])],
        }),
        new("bridge VLAN entries", Limits.BridgeVlanEntries, "bridges", n => Base with
        {
            Ports = [.. Ports(5)],
            Bridges = [new Bridge(Name("br0"), [.. Range(4).Select(i => new BridgePort(Name($"eth{i + 1}"), [.. BridgeVlans(Math.Clamp(n - (i * Limits.VlansPerBridgePort), 0, Limits.VlansPerBridgePort))]))],
                VlanFiltering: true, SelfVlans: [.. BridgeVlans(Math.Max(0, n - Limits.BridgeVlanEntries))])],
        }),
        new("VLAN devices", Limits.VlanDevices, "vlans", n => Base with { Vlans = [.. Vlans(n)] }),
        new("VLAN stacking", Limits.VlanStackDepth, $"vlans[q{Limits.VlanStackDepth + 1}].parent", n => Base with { Vlans = [.. Chain(n)] }),
        new("PPPoE uplinks", Limits.PppoeUplinks, "pppoe", n => Base with
        {
            Pppoe = [.. Range(n).Select(i => new PppoeUplink(Name($"ppp{i}"), Name("eth0"), PlainText.Parse("user"), Secret.Parse("secret"), DefaultRouteMetric: i))],
        }),
        new("addresses", Limits.Addresses, "addresses", n => Base with
        {
            Addresses = [.. Range(n).Select(i => new AddressAssignment(Name("eth0"), InterfaceAddress.Parse(Text($"10.{i / 256}.{i % 256}.1/24"))))],
        }),
        new("routes", Limits.Routes, "routes", n => Base with
        {
            Routes = [.. Range(n).Select(i => new StaticRoute(Cidr.Parse(Text($"172.16.{i / 256}.{i % 256}/32")), Device: Name("eth0")))],
        }),
        new("DHCP clients", Limits.DhcpClients, "dhcp.clients", n => Base with
        {
            Ports = [.. Ports(n)],
            Dhcp = new DhcpSettings(Clients: [.. Ports(n).Select((p, i) => new DhcpClient(p.Name, RouteMetric: i))]),
        }),
        new("DHCP servers", Limits.DhcpServers, "dhcp.servers", n => Served(n, leasesEach: 0)),
        new("static leases of a server", Limits.StaticLeasesPerServer, "dhcp.servers[v1].staticLeases", n => Served(1, leasesEach: n, prefix: 20)),
        new("static leases", Limits.StaticLeases, "dhcp.servers", n => Served(n / Limits.StaticLeasesPerServer + 1, leasesEach: Limits.StaticLeasesPerServer, prefix: 20, total: n)),
        new("DNS servers of a DHCP server", Limits.DnsServersPerDhcpServer, "dhcp.servers[v1].dnsServers", n => Served(1, leasesEach: 0) with
        {
            Dhcp = Served(1, 0).DhcpOrDefault with { Servers = [Served(1, 0).DhcpOrDefault.Servers[0] with { DnsServers = [.. Addresses("192.0.2", n)] }] },
        }),
        new("upstream DNS servers", Limits.UpstreamDnsServers, "dns.upstreamServers", n => Base with { Dns = new DnsSettings(UpstreamServers: [.. Addresses("198.51.100", n)]) }),
        new("static DNS host names", Limits.DnsHosts, "dns.hosts", n => Base with
        {
            Dns = new DnsSettings(Hosts: [.. Range(n).Select(i => new DnsHost(DnsName.Parse(Text($"host{i}.lan")), IpAddress.Parse(Text($"10.255.{i / 256}.{i % 256}"))))]),
        }),
        new("flowtables", Limits.Flowtables, "flowtables", n => Base with { Flowtables = [.. Range(n).Select(i => new Flowtable(Object($"ft{i}")))] }),
        new("devices of a flowtable", Limits.DevicesPerFlowtable, "flowtables[ft].devices", n => Base with
        {
            Vlans = [.. Vlans(n)],
            Flowtables = [new Flowtable(Object("ft"), [.. Vlans(n).Select(v => v.Name)])],
        }),
        new("offload rules", Limits.OffloadRules, "offloadPolicy", n => Base with
        {
            OffloadPolicy = [.. Range(n).Select(i => new OffloadRule(Object($"r{i}"), OffloadAction.Never, Match: new OffloadMatch(L4Protocol.Tcp, DestinationPorts: [PortRange.OfPort(i + 1)])))],
        }),
        new("ports of an offload rule", Limits.PortRangesPerRule, "offloadPolicy[r].match.destinationPorts", n => Base with
        {
            OffloadPolicy = [new OffloadRule(Object("r"), OffloadAction.Never, Match: new OffloadMatch(L4Protocol.Tcp, DestinationPorts: [.. PortRanges(n)]))],
        }),
        new("zones", Limits.Zones, "firewall.zones", n => Base with { Firewall = new FirewallSettings([.. Zones(n)]) }),
        new("interfaces of a zone", Limits.InterfacesPerZone, "firewall.zones[lan].interfaces", n => Base with
        {
            Vlans = [.. Vlans(n)],
            Firewall = new FirewallSettings([new Zone(Object("lan"), [.. Vlans(n).Select(v => v.Name)])]),
        }),
        new("forwardings", Limits.Forwardings, "firewall.forwardings", n => Base with
        {
            Firewall = new FirewallSettings([.. Zones(Limits.Zones)], [.. Zones(Limits.Zones).SelectMany(f => Zones(Limits.Zones).Where(t => t != f).Select(t => new ZoneForwarding(f.Name, t.Name))).Take(n)]),
        }),
        new("input rules", Limits.InputRules, "firewall.inputRules", n => Base with
        {
            Firewall = new FirewallSettings([.. Zones(1)], InputRules: [.. Range(n).Select(i => new InputRule(Object($"in{i}"), Object("z0"), L4Protocol.Tcp, [PortRange.OfPort(i + 1)]))]),
        }),
        new("ports of an input rule", Limits.PortRangesPerRule, "firewall.inputRules[ssh].ports", n => Base with
        {
            Firewall = new FirewallSettings([.. Zones(1)], InputRules: [new InputRule(Object("ssh"), Object("z0"), L4Protocol.Tcp, [.. PortRanges(n)])]),
        }),
        new("traffic shapers", Limits.Shapers, "shaping", n => Base with
        {
            Vlans = [.. Vlans(n)],
            Shaping = [.. Vlans(n).Select(v => new TrafficShaper(v.Name, 1000))],
        }),
    ];

    /// <summary>DHCP servers on VLAN devices v1..., each with its own subnet and static leases (<paramref name="total"/> of them at most).</summary>
    private static RouterConfig Served(int servers, int leasesEach, int prefix = 24, int total = int.MaxValue)
    {
        var vlans = Vlans(servers).ToList();
        var step = 1 << (32 - prefix);
        IpAddress At(int server, int offset) => IpAddress.FromBits((UInt128)(0x0A000000u + (uint)(server * step) + (uint)offset), IpFamily.Ipv4);
        return Base with
        {
            Vlans = [.. vlans],
            Addresses = [.. vlans.Select((v, s) => new AddressAssignment(v.Name, InterfaceAddress.Parse(Text($"{At(s, 1)}/{prefix}"))))],
            Dhcp = new DhcpSettings(Servers: [.. vlans.Select((v, s) => new DhcpServer(v.Name, At(s, 10), At(s, 20),
                StaticLeases: [.. Range(Math.Clamp(total - (s * leasesEach), 0, leasesEach)).Select(l => new StaticLease(Mac(s, l), At(s, 100 + l)))]))]),
        };
    }

    private static IEnumerable<int> Range(int count) => Enumerable.Range(0, count);

    private static IEnumerable<Port> Ports(int count) => Range(count).Select(i => new Port(Name($"eth{i}")));

    private static IEnumerable<VlanDevice> Vlans(int count) => Range(count).Select(i => new VlanDevice(Name($"v{i + 1}"), Name("eth0"), VlanId.From(i + 1)));

    /// <summary>q1 on eth0, q2 on q1, and so on.</summary>
    public static IEnumerable<VlanDevice> Chain(int depth) =>
        Range(depth).Select(i => new VlanDevice(Name($"q{i + 1}"), Name(i == 0 ? "eth0" : $"q{i}"), VlanId.From((i % 4094) + 1)));

    private static IEnumerable<BridgeVlan> BridgeVlans(int count) => Range(count).Select(i => new BridgeVlan(VlanId.From((i % 4094) + 1)));

    private static IEnumerable<Zone> Zones(int count) => Range(count).Select(i => new Zone(Object($"z{i}")));

    private static IEnumerable<IpAddress> Addresses(string prefix, int count) => Range(count).Select(i => IpAddress.Parse(Text($"{prefix}.{i + 1}")));

    private static IEnumerable<PortRange> PortRanges(int count) => Range(count).Select(i => PortRange.OfPort(i + 1));

    private static MacAddress Mac(int server, int lease) => MacAddress.Parse(Text($"02:00:{server / 256:x2}:{server % 256:x2}:{lease / 256:x2}:{lease % 256:x2}"));

    private static InterfaceName Name(string name) => InterfaceName.Parse(name);

    private static ObjectName Object(string name) => ObjectName.Parse(name);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Properties;

/// <summary>
/// Builds a random configuration that keeps every verify rule: ports, bridges (some with VLAN
/// filtering), VLAN stacks, a PPPoE uplink, addresses in distinct subnets, routes through reachable
/// gateways, DHCP servers, DNS, flowtables over disjoint real devices, an offload policy, zones,
/// input rules and shaping. Warnings are allowed; errors are not.
/// </summary>
public sealed class RandomConfigBuilder(Choices choose)
{
    private static readonly char[] NameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@+=ü".ToCharArray();

    private static readonly string[] ZoneNames = ["lan", "wan", "dmz"];

    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private int _subnet;
    private int _fallbackNames;

    public RouterConfig Build()
    {
        var ports = Enumerable.Range(0, choose.Between(1, 8)).Select(_ => new Port(NewName(), choose.Chance(90), MaybeMtu(), MaybeMac(), MaybeText())).ToList();
        var (bridges, bridged) = Bridges(ports);
        var routedPorts = ports.Where(p => !bridged.Contains(p.Name)).ToList();
        var vlans = Vlans(routedPorts.Select(p => p.Name).Concat(bridges.Select(b => b.Name)).ToList(), ports, bridges);
        var links = new RouterConfig(RouterConfig.CurrentSchemaVersion, Ports: [.. ports], Bridges: [.. bridges], Vlans: [.. vlans]);
        var mtus = new Topology.DeviceGraph(links);
        var pppoe = Pppoe(routedPorts.Select(p => p.Name).Concat(vlans.Select(v => v.Name)).ToList(), mtus);
        var l3 = routedPorts.Select(p => p.Name).Concat(bridges.Select(b => b.Name)).Concat(vlans.Select(v => v.Name)).ToList();
        var partial = links with { Pppoe = [.. pppoe] };
        var addresses = Addresses(l3, mtus);
        var dhcpClients = choose.Subset(l3.Where(d => !addresses.Any(a => a.Device == d)), 20)
            .Select(d => new DhcpClient(d, choose.Chance(50), choose.Between(0, 1000) + 2000 + _subnet++, choose.Chance(50), choose.Chance(30) ? DnsName.Parse("cpe" + choose.Below(99)) : null)).ToList();
        var flowtables = Flowtables(ports);
        return partial with
        {
            System = choose.Chance(50) ? new SystemSettings(DnsName.Parse("router" + choose.Below(10)), choose.Chance(50) ? Cidr.Parse($"fd{choose.Below(256):x2}:{choose.Below(65536):x}::/48") : null) : null,
            Addresses = [.. addresses],
            Routes = [.. Routes(addresses)],
            Dhcp = new DhcpSettings([.. dhcpClients], [.. DhcpServers(addresses, dhcpClients)]),
            Dns = new DnsSettings(choose.Chance(80), [.. Enumerable.Range(1, choose.Below(3)).Select(i => IpAddress.Parse($"192.0.2.{i}"))], choose.Between(0, DnsSettings.MaxCacheSize),
                Hosts: [.. Enumerable.Range(1, choose.Below(3)).Select(i => new DnsHost(DnsName.Parse($"host{i}.lan"), IpAddress.Parse($"192.0.2.{100 + i}")))]),
            Flowtables = [.. flowtables],
            OffloadPolicy = [.. OffloadPolicy(flowtables, l3)],
            Firewall = Firewall(l3.Concat(pppoe.Select(p => p.Name)).ToList(), addresses),
            Shaping = [.. choose.Subset(l3, 20).Select(d => new TrafficShaper(d, choose.Between(64, 1_000_000)))],
            Ipv6 = Ipv6(dhcpClients, l3),
        };
    }

    /// <summary>At most one uplink with a prefix (so no LAN must name its uplink), and LANs on other L3 devices, numbered automatically.</summary>
    private Ipv6Settings? Ipv6(List<DhcpClient> dhcpClients, List<InterfaceName> l3)
    {
        if (dhcpClients.Count == 0 || choose.Chance(30))
            return null;
        var uplink = dhcpClients[0].Device;
        var hint = choose.Between(56, 64);
        var lans = choose.Subset(l3.Where(d => d != uplink)).Take(1 << (64 - hint))
            .Select(d => new LanIpv6(d, Mode: (Ipv6LanMode)choose.Below(3))).ToList();
        return choose.Chance(50)
            ? new Ipv6Settings(Clients: [new Dhcpv6Client(uplink, hint, choose.Chance(50), choose.Chance(80), choose.Below(100), choose.Chance(50))], Lans: [.. lans])
            : new Ipv6Settings(StaticPrefixes: [new StaticPrefix(uplink, Cidr.Parse($"2001:db8:{choose.Below(65536):x}::/{hint}"))], Lans: [.. lans]);
    }

    private InterfaceName NewName()
    {
        // At most 7 characters: 'ü' takes two bytes, and the kernel allows 15.
        var length = choose.Between(1, 7);
        var text = new string([.. Enumerable.Range(0, length).Select(_ => choose.Pick(NameCharacters))]);
        // A clash (or "." and "..", or a stream run dry, which gives "a" every time) falls back to
        // a counter, which no random name of this alphabet can take ("~" is not in it).
        if (text is "." or ".." || !_usedNames.Add(text))
        {
            text = "n~" + _fallbackNames++;
            _usedNames.Add(text);
        }
        return InterfaceName.Parse(text);
    }

    private Mtu? MaybeMtu() => choose.Chance(30) ? Mtu.From(choose.Between(1300, 9000)) : null;

    private MacAddress? MaybeMac() => choose.Chance(20) ? MacAddress.Parse($"02:00:00:00:{choose.Below(256):x2}:{_usedNames.Count:x2}") : null;

    private PlainText? MaybeText() => choose.Chance(20) ? PlainText.Parse("note " + choose.Below(1000)) : null;

    private (List<Bridge> Bridges, HashSet<InterfaceName> Bridged) Bridges(List<Port> ports)
    {
        var bridges = new List<Bridge>();
        var bridged = new HashSet<InterfaceName>();
        var free = new Queue<Port>(ports.Where(_ => choose.Chance(50)));
        for (var b = choose.Below(3); b > 0; b--)
        {
            var members = Enumerable.Range(0, choose.Below(free.Count + 1)).Select(_ => free.Dequeue()).ToList();
            var filtering = choose.Chance(50);
            var bridgePorts = members.Select(p => new BridgePort(p.Name, filtering ? VlanList() : default)).ToList();
            var smallest = members.Select(p => p.Mtu ?? Mtu.EthernetDefault).DefaultIfEmpty(Mtu.EthernetDefault).Min();
            bridges.Add(new Bridge(NewName(), [.. bridgePorts], choose.Chance(30), filtering,
                filtering && choose.Chance(30) ? VlanProtocol.Dot1Ad : VlanProtocol.Dot1Q,
                filtering && choose.Chance(50) ? VlanId.From(choose.Between(1, 4094)) : null,
                filtering ? VlanList() : default, choose.Chance(90), choose.Chance(30) ? smallest : null));
            bridged.UnionWith(members.Select(m => m.Name));
        }
        return (bridges, bridged);
    }

    private EquatableArray<BridgeVlan> VlanList()
    {
        var ids = Enumerable.Range(0, choose.Below(5)).Select(_ => choose.Between(1, 4094)).Distinct().ToList();
        var pvid = ids.Count > 0 && choose.Chance(60) ? choose.Below(ids.Count) : -1;
        return [.. ids.Select((id, i) => new BridgeVlan(VlanId.From(id), choose.Chance(50), i == pvid))];
    }

    private List<VlanDevice> Vlans(List<InterfaceName> parents, List<Port> ports, List<Bridge> bridges)
    {
        var vlans = new List<VlanDevice>();
        var taken = new HashSet<(InterfaceName, int, VlanProtocol)>();
        var all = new List<InterfaceName>(parents);
        var depth = new Dictionary<InterfaceName, int>();
        for (var n = choose.Below(5); n > 0 && all.Count > 0; n--)
        {
            var parent = choose.Pick(all);
            var protocol = choose.Chance(30) ? VlanProtocol.Dot1Ad : VlanProtocol.Dot1Q;
            var id = choose.Between(1, 4094);
            if (!taken.Add((parent, id, protocol)))
                continue;
            var vlan = new VlanDevice(NewName(), parent, VlanId.From(id), protocol, choose.Chance(90), null, MaybeText());
            vlans.Add(vlan);
            depth[vlan.Name] = depth.GetValueOrDefault(parent) + 1;
            // A later VLAN may stand on this one (QinQ), as deep as the limit allows.
            if (depth[vlan.Name] < Domain.Verification.Limits.VlanStackDepth)
                all.Add(vlan.Name);
        }
        return vlans;
    }

    private List<PppoeUplink> Pppoe(List<InterfaceName> parents, Topology.DeviceGraph graph)
    {
        if (parents.Count == 0 || !choose.Chance(50))
            return [];
        var parent = choose.Pick(parents);
        var room = graph.EffectiveMtu(parent)!.Value.Value - PppoeUplink.HeaderBytes;
        var ipv6 = room >= Mtu.Ipv6Minimum && choose.Chance(30);
        // The 1492 default fits only over a parent of 1500 or more; below that the MTU must be set.
        var mtu = choose.Chance(50) || room < PppoeUplink.DefaultMtu.Value
            ? Mtu.From(choose.Between(ipv6 ? Mtu.Ipv6Minimum : 576, Math.Min(room, 1500)))
            : (Mtu?)null;
        return [new PppoeUplink(NewName(), parent, PlainText.Parse("user" + choose.Below(100) + "@isp.example"), Secret.Parse("pw-" + choose.Below(100000)),
            choose.Chance(30) ? PlainText.Parse("svc") : null, choose.Chance(20) ? PlainText.Parse("ac1") : null, mtu, mtu,
            choose.Between(0, 60), choose.Between(1, 10), choose.Between(0, 30), choose.Chance(70), 1000 + choose.Below(1000), choose.Chance(50), ipv6, choose.Chance(80))];
    }

    private List<AddressAssignment> Addresses(List<InterfaceName> l3, Topology.DeviceGraph graph)
    {
        var addresses = new List<AddressAssignment>();
        foreach (var device in choose.Subset(l3, 70))
        {
            var subnet = ++_subnet;
            addresses.Add(new AddressAssignment(device, InterfaceAddress.Parse($"10.{subnet / 256}.{subnet % 256}.1/24")));
            if (choose.Chance(40) && graph.EffectiveMtu(device) is { Value: >= Mtu.Ipv6Minimum })
                addresses.Add(new AddressAssignment(device, InterfaceAddress.Parse($"fd00:{subnet:x}::1/64")));
        }
        return addresses;
    }

    private List<StaticRoute> Routes(List<AddressAssignment> addresses) =>
        [.. choose.Subset(addresses.Where(a => a.Address.Family == IpFamily.Ipv4), 40).Select((a, i) =>
        {
            var subnet = a.Address.Subnet.Network.Bits;
            var gateway = IpAddress.FromBits(subnet | 254, IpFamily.Ipv4);
            return new StaticRoute(Cidr.Parse($"172.{16 + i / 256 % 16}.{i % 256}.0/24"), gateway, choose.Chance(50) ? a.Device : null, choose.Below(500));
        })];

    private List<DhcpServer> DhcpServers(List<AddressAssignment> addresses, List<DhcpClient> clients)
    {
        var candidates = addresses.Where(a => a.Address.Family == IpFamily.Ipv4 && clients.All(c => c.Device != a.Device)).GroupBy(a => a.Device).Select(g => g.First());
        return [.. choose.Subset(candidates, 50).Select(a =>
        {
            var network = a.Address.Subnet.Network.Bits;
            IpAddress At(int host) => IpAddress.FromBits(network | (uint)host, IpFamily.Ipv4);
            var leases = Enumerable.Range(2, choose.Below(4)).Select(host => new StaticLease(MacAddress.Parse($"02:aa:00:00:{a.Address.Subnet.Network.Bits % 256:x2}:{host:x2}"), At(host), choose.Chance(50) ? DnsName.Parse("host" + host) : null));
            var start = choose.Between(100, 150);
            return new DhcpServer(a.Device, At(start), At(choose.Between(start, 250)), choose.Between(DhcpServer.MinLeaseTimeSeconds, 86400),
                choose.Chance(50) ? DnsName.Parse("lan") : null, choose.Chance(30) ? [At(1)] : default, [.. leases], choose.Chance(90));
        })];
    }

    private List<Flowtable> Flowtables(List<Port> ports)
    {
        var flowtables = new List<Flowtable>();
        var free = new Queue<Port>(ports);
        for (var n = choose.Below(3); n > 0; n--)
        {
            var devices = Enumerable.Range(0, choose.Below(free.Count + 1)).Select(_ => free.Dequeue().Name);
            var priority = choose.Below(3) switch
            {
                0 => (FlowtablePriority?)null,
                1 => FlowtablePriority.Parse($"filter + {choose.Below(100)}"),
                _ => FlowtablePriority.From(choose.Between(-500, 500)),
            };
            flowtables.Add(new Flowtable(ObjectName.Parse("ft" + n), [.. devices], priority, choose.Chance(50), choose.Chance(20)));
        }
        return flowtables;
    }

    private List<OffloadRule> OffloadPolicy(List<Flowtable> flowtables, List<InterfaceName> l3)
    {
        var rules = new List<OffloadRule>();
        for (var n = choose.Below(5); n > 0; n--)
        {
            var never = flowtables.Count == 0 || choose.Chance(30);
            var protocol = (L4Protocol)choose.Below(3);
            var ports = protocol == L4Protocol.Any ? default : new EquatableArray<PortRange>([.. Enumerable.Range(0, choose.Below(3)).Select(_ => PortRange.OfPort(choose.Between(1, 65535)))]);
            var match = new OffloadMatch(protocol,
                l3.Count > 0 && choose.Chance(40) ? choose.Pick(l3) : null,
                l3.Count > 0 && choose.Chance(40) ? choose.Pick(l3) : null,
                choose.Chance(30) ? Cidr.Parse($"10.{choose.Below(256)}.0.0/16") : null,
                choose.Chance(30) ? Cidr.Parse($"198.51.{choose.Below(256)}.0/24") : null,
                ports,
                choose.Chance(20) ? Dscp.From(choose.Between(0, 63)) : null);
            rules.Add(new OffloadRule(ObjectName.Parse("rule" + n), never ? OffloadAction.Never : OffloadAction.Offload,
                never ? null : choose.Pick(flowtables).Name, choose.Chance(80) ? match : null, choose.Chance(90), MaybeText()));
        }
        return rules;
    }

    private FirewallSettings? Firewall(List<InterfaceName> routed, List<AddressAssignment> addresses)
    {
        if (!choose.Chance(70))
            return null;
        var free = new Queue<InterfaceName>(routed);
        var zones = new List<Zone>();
        foreach (var name in ZoneNames.Take(choose.Between(1, 3)))
        {
            var members = Enumerable.Range(0, choose.Below(free.Count + 1)).Select(_ => free.Dequeue());
            zones.Add(new Zone(ObjectName.Parse(name), [.. members], (ZonePolicy)choose.Below(3), choose.Chance(40), choose.Chance(40)));
        }
        var names = zones.Select(z => z.Name).ToList();
        var forwardings = names.SelectMany(from => names.Select(to => new ZoneForwarding(from, to))).Where(_ => choose.Chance(30));
        var inputRules = Enumerable.Range(0, choose.Below(3)).Select(i => new InputRule(ObjectName.Parse("open" + i), choose.Pick(names),
            choose.Chance(50) ? L4Protocol.Tcp : L4Protocol.Udp, [PortRange.OfPort(choose.Between(1, 65535))], choose.Chance(30) ? Cidr.Parse("192.0.2.0/24") : null));
        var portForwards = PortForwards(zones, addresses);
        var sourceNat = Enumerable.Range(0, choose.Below(2)).Select(i => new SourceNatRule(ObjectName.Parse("snat" + i), choose.Pick(names),
            Cidr.Parse(choose.Chance(50) ? "203.0.113.9" : "203.0.113.8/29"), choose.Chance(50) ? Cidr.Parse("192.168.0.0/16") : null));
        var forwardRules = Enumerable.Range(0, choose.Below(3)).Select(i =>
        {
            var protocol = (RuleProtocol)choose.Below(5);
            return new ForwardRule(ObjectName.Parse("rule" + i), choose.Chance(60) ? choose.Pick(names) : null, choose.Chance(60) ? choose.Pick(names) : null, protocol,
                protocol is RuleProtocol.Tcp or RuleProtocol.Udp && choose.Chance(50) ? [PortRange.OfPort(choose.Between(1, 65535))] : default,
                protocol is RuleProtocol.Icmp or RuleProtocol.Icmpv6 && choose.Chance(50) ? [IcmpType.Parse("echo-request")] : default,
                choose.Chance(30) ? Cidr.Parse(protocol == RuleProtocol.Icmpv6 ? "fd00::/8" : "192.168.0.0/16") : null, null,
                (RuleAction)choose.Below(3), null, choose.Chance(80), choose.Chance(90)) is var rule && rule.Action == RuleAction.Accept && choose.Chance(30)
                    ? rule with { SetDscp = Dscp.From(choose.Between(0, 63)) }
                    : rule;
        });
        var defaults = choose.Chance(30) ? new FirewallDefaults((DefaultForwardPolicy)choose.Below(2), choose.Chance(80), choose.Chance(50)) : null;
        return new FirewallSettings([.. zones], [.. forwardings], [.. inputRules], [.. portForwards], [.. sourceNat], [.. forwardRules], defaults);
    }

    /// <summary>Forwards from one zone to a host in the subnet of an IPv4 address on an interface of another, each on its own port.</summary>
    private List<PortForward> PortForwards(List<Zone> zones, List<AddressAssignment> addresses)
    {
        var forwards = new List<PortForward>();
        var inside = addresses.Where(a => a.Address.Family == IpFamily.Ipv4 && a.Address.PrefixLength <= 30)
            .Select(a => (Address: a, Zone: zones.FirstOrDefault(z => z.Interfaces.Contains(a.Device))))
            .Where(pair => pair.Zone is not null).ToList();
        for (var i = 0; i < choose.Below(3) && inside.Count > 0; i++)
        {
            var (address, zone) = choose.Pick(inside);
            var others = zones.Where(z => z.Name != zone!.Name).ToList();
            if (others.Count == 0)
                break;
            var subnet = address.Address.Subnet;
            // The subnet's last usable host: never the router's own address in these subnets (.1).
            var host = IpAddress.FromBits(subnet.LastAddress.Bits - 1, IpFamily.Ipv4);
            var outside = PortRange.OfPort(20000 + i);
            forwards.Add(new PortForward(ObjectName.Parse("fwd" + i), choose.Pick(others).Name, (ForwardedProtocol)choose.Below(3), outside, host,
                choose.Chance(50) ? PortRange.OfPort(choose.Between(1, 65535)) : null, choose.Chance(20) ? IpAddress.Parse("203.0.113.2") : null,
                choose.Chance(20) ? Cidr.Parse("198.51.100.0/24") : null, choose.Chance(80), choose.Chance(90)));
        }
        return forwards;
    }
}

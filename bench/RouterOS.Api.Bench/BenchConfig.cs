using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Api.Bench;

/// <summary>A valid configuration of about 200 objects, shaped like a busy edge router.</summary>
internal static class BenchConfig
{
    public static RouterConfig Build()
    {
        var ports = Enumerable.Range(0, 24).Select(i => new Port(InterfaceName.Parse($"eth{i}"))).ToList();
        var bridge = new Bridge(InterfaceName.Parse("br0"), [.. ports.Skip(1).Take(8).Select(p => new BridgePort(p.Name, [new BridgeVlan(VlanId.From(10), Untagged: true, Pvid: true)]))], VlanFiltering: true);
        var vlans = Enumerable.Range(1, 40).Select(i => new VlanDevice(InterfaceName.Parse($"eth0.{i}"), InterfaceName.Parse("eth0"), VlanId.From(100 + i))).ToList();
        var addresses = vlans.Select((v, i) => new AddressAssignment(v.Name, InterfaceAddress.Parse($"10.{i}.0.1/24"))).ToList();
        var routes = Enumerable.Range(0, 51).Select(i => new StaticRoute(Cidr.Parse($"172.16.{i}.0/24"), IpAddress.Parse($"10.{i % 40}.0.254"))).ToList();
        var servers = vlans.Take(20).Select((v, i) => new DhcpServer(v.Name, IpAddress.Parse($"10.{i}.0.100"), IpAddress.Parse($"10.{i}.0.200"))).ToList();
        var flowtable = new Flowtable(ObjectName.Parse("ft"), [.. ports.Select(p => p.Name)]);
        var rules = Enumerable.Range(0, 20).Select(i => new OffloadRule(ObjectName.Parse($"r{i}"), OffloadAction.Offload, flowtable.Name,
            new OffloadMatch(L4Protocol.Tcp, vlans[i].Name, DestinationPorts: [PortRange.OfPort(1000 + i)]))).ToList();
        var zones = new[] { new Zone(ObjectName.Parse("lan"), [.. vlans.Select(v => v.Name)], ZonePolicy.Accept), new Zone(ObjectName.Parse("wan"), [InterfaceName.Parse("eth23")], Masquerade: true) };
        return new RouterConfig(RouterConfig.CurrentSchemaVersion, Ports: [.. ports], Bridges: [bridge], Vlans: [.. vlans], Addresses: [.. addresses],
            Routes: [.. routes], Dhcp: new DhcpSettings(Servers: [.. servers]), Flowtables: [flowtable], OffloadPolicy: [.. rules],
            Firewall: new FirewallSettings([.. zones], [new ZoneForwarding(zones[0].Name, zones[1].Name)]));
    }

    public static int ObjectCount(RouterConfig c) => c.Ports.Count + c.Bridges.Count + c.Vlans.Count + c.Addresses.Count + c.Routes.Count
        + c.DhcpOrDefault.Servers.Count + c.Flowtables.Count + c.OffloadPolicy.Count + c.FirewallOrDefault.Zones.Count + c.FirewallOrDefault.Forwardings.Count;
}

using CsCheck;
using RouterOS.Domain.Editing;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Tests.Editing;

/// <summary>A LAN renumbered carries its DHCP range, static leases, port forwards, DNS hosts and route gateways along.</summary>
public class RenumberingTests
{
    private static readonly InterfaceName Lan = InterfaceName.Parse("br-lan");
    private static readonly InterfaceAddress Old = InterfaceAddress.Parse("192.168.1.1/24");
    private static readonly InterfaceAddress New = InterfaceAddress.Parse("192.168.2.1/24");

    private static readonly RouterConfig Home = RouterConfigJson.Parse("""
        {
          "schemaVersion": 1,
          "ports": [ { "name": "eth0" }, { "name": "eth1" } ],
          "bridges": [ { "name": "br-lan", "ports": [ { "name": "eth1" } ] } ],
          "addresses": [ { "device": "br-lan", "address": "192.168.1.1/24" }, { "device": "eth0", "address": "192.0.2.2/24" } ],
          "routes": [ { "destination": "10.20.0.0/16", "gateway": "192.168.1.254" }, { "destination": "0.0.0.0/0", "gateway": "192.0.2.1" } ],
          "dhcp": { "servers": [ { "device": "br-lan", "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.199", "dnsServers": [ "192.168.1.1" ],
                                   "staticLeases": [ { "mac": "02:00:00:00:00:50", "address": "192.168.1.50", "hostname": "nas" } ] } ] },
          "dns": { "hosts": [ { "name": "nas.home.arpa", "address": "192.168.1.50" }, { "name": "modem.home.arpa", "address": "192.0.2.1" } ] },
          "firewall": {
            "zones": [ { "name": "lan", "interfaces": [ "br-lan" ], "input": "accept" }, { "name": "wan", "interfaces": [ "eth0" ], "input": "drop", "masquerade": true } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ],
            "portForwards": [ { "name": "nas-https", "from": "wan", "protocol": "tcp", "outsidePort": "443", "insideHost": "192.168.1.50" } ]
          }
        }
        """);

    private static RouterConfig WithNewAddress(RouterConfig config) =>
        ConfigLists.Addresses.Place(config, new AddressAssignment(Lan, New), Old.ToString());

    [Fact]
    public void The_home_lan_renumbered_with_its_dependants_carried_verifies_clean()
    {
        Assert.True(ConfigVerifier.Verify(Home).IsValid, ConfigVerifier.Verify(Home).ToString());
        var moved = WithNewAddress(Home);
        Assert.False(ConfigVerifier.Verify(moved).IsValid); // the dead end: range and lease left behind

        var carried = Renumbering.Carry(moved, Lan, Old, New);

        var result = ConfigVerifier.Verify(carried.Config);
        Assert.True(result.IsValid, result.ToString());
        var server = carried.Config.DhcpOrDefault.Servers.Single();
        Assert.Equal(IpAddress.Parse("192.168.2.100"), server.RangeStart);
        Assert.Equal(IpAddress.Parse("192.168.2.199"), server.RangeEnd);
        Assert.Equal(IpAddress.Parse("192.168.2.1"), server.DnsServers.Single());
        Assert.Equal(IpAddress.Parse("192.168.2.50"), server.StaticLeases.Single().Address);
        Assert.Equal(IpAddress.Parse("192.168.2.50"), carried.Config.FirewallOrDefault.PortForwards.Single().InsideHost);
        Assert.Equal(["192.168.2.50", "192.0.2.1"], carried.Config.DnsOrDefault.Hosts.Select(h => h.Address.ToString()));
        // The route through a router on the LAN follows it; the default route through the ISP stays.
        Assert.Equal(["192.168.2.254", "192.0.2.1"], carried.Config.Routes.Select(r => r.Gateway!.ToString()));
        Assert.Equal(
            ["dhcp.servers[br-lan].rangeStart", "dhcp.servers[br-lan].rangeEnd", "dhcp.servers[br-lan].dnsServers",
             "dhcp.servers[br-lan].staticLeases[02:00:00:00:00:50].address", "firewall.portForwards[nas-https].insideHost", "dns.hosts[nas.home.arpa].address",
             "routes[10.20.0.0/16].gateway"],
            carried.Moved.Select(m => m.Path));
    }

    [Fact]
    public void An_address_kept_in_its_subnet_carries_nothing()
    {
        var same = InterfaceAddress.Parse("192.168.1.254/24");
        var carried = Renumbering.Carry(Home, Lan, Old, same);
        Assert.True(carried.IsEmpty);
        Assert.Same(Home, carried.Config);
    }

    [Fact]
    public void Another_device_s_dhcp_server_is_left_alone()
    {
        var carried = Renumbering.Carry(WithNewAddress(Home), InterfaceName.Parse("eth1"), Old, New);
        Assert.Equal(IpAddress.Parse("192.168.1.100"), carried.Config.DhcpOrDefault.Servers.Single().RangeStart);
        Assert.DoesNotContain(carried.Moved, m => m.Path.StartsWith("dhcp.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_host_part_that_does_not_fit_a_smaller_subnet_stays_where_it_is()
    {
        Assert.Null(Renumbering.Moved(IpAddress.Parse("192.168.1.200"), Cidr.Parse("192.168.1.0/24"), Cidr.Parse("10.0.0.0/25")));
        Assert.Equal(IpAddress.Parse("10.0.0.100"), Renumbering.Moved(IpAddress.Parse("192.168.1.100"), Cidr.Parse("192.168.1.0/24"), Cidr.Parse("10.0.0.0/25")));
        Assert.Null(Renumbering.Moved(IpAddress.Parse("192.0.2.1"), Cidr.Parse("192.168.1.0/24"), Cidr.Parse("10.0.0.0/24")));
    }

    [Fact]
    public void Moving_keeps_the_host_part_and_lands_in_the_new_subnet_and_moving_back_restores_it() =>
        Gen.Select(Gen.UInt, Gen.UInt, Gen.Int[8, 30], Gen.UInt).Sample((a, b, prefix, host) =>
        {
            var old = Cidr.Of(IpAddress.FromBits(a, IpFamily.Ipv4), prefix);
            var target = Cidr.Of(IpAddress.FromBits(b, IpFamily.Ipv4), prefix);
            var mask = (UInt128.One << (32 - prefix)) - 1;
            var address = IpAddress.FromBits(old.Network.Bits | (host & mask), IpFamily.Ipv4);
            var moved = Renumbering.Moved(address, old, target);
            Assert.NotNull(moved);
            Assert.True(target.Contains(moved));
            Assert.Equal(address.Bits & mask, moved.Bits & mask);
            Assert.Equal(address, Renumbering.Moved(moved, target, old));
        });
}

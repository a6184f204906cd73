using static RouterOS.Domain.Tests.Support.VerifyAssert;

namespace RouterOS.Domain.Tests.Verification;

/// <summary>Static addresses and routes.</summary>
public class AddressingRulesTests
{
    private const string Ports = """ "ports": [ { "name": "eth0" }, { "name": "eth1" }, { "name": "eth2" } ] """;

    [Fact]
    public void Addresses_on_ports_bridges_and_vlans_are_valid() =>
        CleanAt(Verify($$"""
            {{Ports}},
            "bridges": [ { "name": "br0", "ports": [ { "name": "eth1" } ] } ],
            "vlans": [ { "name": "eth2.5", "parent": "eth2", "id": 5 } ],
            "addresses": [
              { "device": "eth0", "address": "192.0.2.2/24" },
              { "device": "br0", "address": "192.168.1.1/24" },
              { "device": "br0", "address": "2001:db8:1::1/64" },
              { "device": "eth2.5", "address": "10.5.0.1/16" } ]
            """), "addresses");

    [Fact]
    public void A_bridge_port_carries_no_address() =>
        HasError(Verify($$"""
            {{Ports}},
            "bridges": [ { "name": "br0", "ports": [ { "name": "eth1" } ] } ],
            "addresses": [ { "device": "eth1", "address": "192.168.1.1/24" } ]
            """), "addresses[192.168.1.1/24].device", "eth1 is a port of bridge br0 and cannot carry an IP address (the bridge takes its frames); use br0 instead");

    [Fact]
    public void A_pppoe_uplink_gets_its_address_from_the_isp() =>
        HasError(Verify($$"""
            {{Ports}},
            "pppoe": [ { "name": "wan", "parent": "eth0", "username": "u", "password": "p" } ],
            "addresses": [ { "device": "wan", "address": "198.51.100.7/32" } ]
            """), "addresses[198.51.100.7/32].device", "gets its address from the ISP");

    [Fact]
    public void An_address_is_assigned_once() =>
        HasError(Verify($$"""
            {{Ports}},
            "addresses": [ { "device": "eth0", "address": "192.0.2.2/24" }, { "device": "eth1", "address": "192.0.2.2/25" } ]
            """), "addresses[192.0.2.2/25]", "already assigned at addresses[192.0.2.2/24]");

    [Fact]
    public void Overlapping_subnets_on_two_devices_are_a_warning()
    {
        var result = Verify($$"""
            {{Ports}},
            "addresses": [ { "device": "eth0", "address": "10.0.0.1/16" }, { "device": "eth1", "address": "10.0.1.1/24" } ]
            """);
        HasWarning(result, "addresses[10.0.1.1/24]", "overlaps 10.0.0.0/16 on eth0");
        Assert.True(result.IsValid);
        CleanAt(Verify($$"""
            {{Ports}},
            "addresses": [ { "device": "eth0", "address": "10.0.0.1/24" }, { "device": "eth0", "address": "10.0.0.2/24" }, { "device": "eth1", "address": "10.0.1.1/24" } ]
            """), "addresses");
    }

    [Fact]
    public void A_route_needs_a_gateway_or_a_device() =>
        HasError(Verify(""" "routes": [ { "destination": "10.0.0.0/8" } ] """), "routes[10.0.0.0/8]", "needs a gateway, a device, or both");

    [Fact]
    public void A_route_gateway_matches_the_destination_family() =>
        HasError(Verify($$"""
            {{Ports}},
            "addresses": [ { "device": "eth0", "address": "192.0.2.2/24" } ],
            "routes": [ { "destination": "2001:db8::/32", "gateway": "192.0.2.1" } ]
            """), "routes[2001:db8::/32].gateway", "is IPv4 but the destination 2001:db8::/32 is IPv6");

    [Fact]
    public void A_route_gateway_is_not_the_router_itself() =>
        HasError(Verify($$"""
            {{Ports}},
            "addresses": [ { "device": "eth0", "address": "192.0.2.2/24" } ],
            "routes": [ { "destination": "0.0.0.0/0", "gateway": "192.0.2.2" } ]
            """), "routes[0.0.0.0/0].gateway", "the router's own address on eth0");

    [Fact]
    public void A_route_device_exists_and_is_not_a_bridge_port()
    {
        var result = Verify($$"""
            {{Ports}},
            "bridges": [ { "name": "br0", "ports": [ { "name": "eth1" } ] } ],
            "routes": [ { "destination": "10.0.0.0/8", "device": "eth9" }, { "destination": "10.1.0.0/16", "device": "eth1" } ]
            """);
        HasError(result, "routes[10.0.0.0/8].device", "no such device");
        HasError(result, "routes[10.1.0.0/16].device", "eth1 is a port of bridge br0");
    }

    [Fact]
    public void An_unreachable_gateway_is_a_warning()
    {
        var unreachable = Verify($$"""
            {{Ports}},
            "addresses": [ { "device": "eth0", "address": "192.0.2.2/24" } ],
            "routes": [ { "destination": "0.0.0.0/0", "gateway": "203.0.113.1" } ]
            """);
        HasWarning(unreachable, "routes[0.0.0.0/0].gateway", "no configured subnet on any device contains gateway 203.0.113.1");
        CleanAt(Verify($$"""
            {{Ports}},
            "addresses": [ { "device": "eth0", "address": "192.0.2.2/24" } ],
            "routes": [ { "destination": "0.0.0.0/0", "gateway": "192.0.2.1", "device": "eth0" } ]
            """), "routes");
    }

    [Fact]
    public void A_gateway_behind_a_dhcp_uplink_may_be_reachable() =>
        CleanAt(Verify($$"""
            {{Ports}},
            "dhcp": { "clients": [ { "device": "eth0", "defaultRoute": false } ] },
            "routes": [ { "destination": "10.0.0.0/8", "gateway": "100.64.0.1", "device": "eth0" } ]
            """), "routes");

    [Fact]
    public void Default_routes_with_equal_metrics_are_a_warning()
    {
        HasWarning(Verify($$"""
            {{Ports}},
            "addresses": [ { "device": "eth1", "address": "192.0.2.2/24" } ],
            "routes": [ { "destination": "0.0.0.0/0", "gateway": "192.0.2.1" } ],
            "pppoe": [ { "name": "wan", "parent": "eth0", "username": "u", "password": "p" } ]
            """), "pppoe[wan]", "give each a different metric");
        CleanAt(Verify($$"""
            {{Ports}},
            "addresses": [ { "device": "eth1", "address": "192.0.2.2/24" } ],
            "routes": [ { "destination": "0.0.0.0/0", "gateway": "192.0.2.1", "metric": 100 } ],
            "pppoe": [ { "name": "wan", "parent": "eth0", "username": "u", "password": "p" } ],
            "firewall": { "zones": [ { "name": "wan", "interfaces": [ "eth1", "wan" ] } ] }
            """), "pppoe");
    }

    [Fact]
    public void A_negative_metric_is_refused() =>
        HasError(Verify($$"""{{Ports}}, "routes": [ { "destination": "10.0.0.0/8", "device": "eth0", "metric": -1 } ] """),
            "routes[10.0.0.0/8 metric -1].metric", "out of range");
}

using static RouterOS.Domain.Tests.Support.VerifyAssert;

namespace RouterOS.Domain.Tests.Verification;

/// <summary>PPPoE uplinks and DHCP clients.</summary>
public class UplinkRulesTests
{
    private const string Ports = """ "ports": [ { "name": "eth0" }, { "name": "eth1" } ] """;

    /// <summary>The uplink in a zone, so the only findings at pppoe are the PPPoE rules' own.</summary>
    private const string WanZone = """ "firewall": { "zones": [ { "name": "wan", "interfaces": [ "wan" ] } ] } """;

    private static string Pppoe(string fields) =>
        $$""" "pppoe": [ { "name": "wan", "parent": "eth0", "username": "user@isp", "password": "secret"{{(fields.Length > 0 ? ", " + fields : "")}} } ] """;

    [Fact]
    public void Pppoe_on_a_port_with_defaults_is_valid() => CleanAt(Verify($"{Ports}, {Pppoe("")}, {WanZone}"), "pppoe");

    [Fact]
    public void Pppoe_on_a_vlan_is_valid() =>
        CleanAt(Verify($$"""
            {{Ports}},
            "vlans": [ { "name": "eth0.7", "parent": "eth0", "id": 7 } ],
            "pppoe": [ { "name": "wan", "parent": "eth0.7", "username": "u", "password": "p" } ],
            {{WanZone}}
            """), "pppoe");

    [Fact]
    public void Pppoe_needs_an_ethernet_like_parent()
    {
        var result = Verify($$"""
            {{Ports}},
            "pppoe": [
              { "name": "wan", "parent": "eth0", "username": "u", "password": "p" },
              { "name": "wan2", "parent": "wan", "username": "u", "password": "p" },
              { "name": "wan3", "parent": "eth7", "username": "u", "password": "p" } ]
            """);
        HasError(result, "pppoe[wan2].parent", "is not Ethernet");
        HasError(result, "pppoe[wan3].parent", "no such device");
    }

    [Fact]
    public void Pppoe_cannot_run_on_a_bridge_port() =>
        HasError(Verify($$"""{{Ports}}, "bridges": [ { "name": "br0", "ports": [ { "name": "eth0" } ] } ], {{Pppoe("")}} """),
            "pppoe[wan].parent", "eth0 is a port of bridge br0");

    [Fact]
    public void Pppoe_mtu_leaves_room_for_the_8_byte_header()
    {
        var result = Verify($"{Ports}, {Pppoe("\"mtu\": 1500, \"mru\": 1500")}");
        HasError(result, "pppoe[wan].mtu", "use at most 1492");
        HasError(result, "pppoe[wan].mru", "use at most 1492");
    }

    [Fact]
    public void Pppoe_mtu_1500_is_fine_over_a_baby_jumbo_parent() =>
        CleanAt(Verify($$"""
            "ports": [ { "name": "eth0", "mtu": 1508 } ], {{Pppoe("\"mtu\": 1500, \"mru\": 1500")}}, {{WanZone}}
            """), "pppoe");

    [Fact]
    public void Pppoe_with_ipv6_needs_1280() =>
        HasError(Verify($"{Ports}, {Pppoe("\"mtu\": 1200, \"ipv6\": true")}"), "pppoe[wan].mtu", "below 1280");

    [Theory]
    [InlineData("lcpEchoIntervalSeconds", -1)]
    [InlineData("lcpEchoIntervalSeconds", 3601)]
    [InlineData("lcpEchoFailure", 0)]
    [InlineData("lcpEchoFailure", 101)]
    [InlineData("retryHoldoffSeconds", -5)]
    [InlineData("defaultRouteMetric", -1)]
    public void Pppoe_timers_and_metric_are_bounded(string field, int value) =>
        HasError(Verify($"{Ports}, {Pppoe($"\"{field}\": {value}")}"), $"pppoe[wan].{field}", "out of range");

    [Fact]
    public void Pppoe_keepalive_can_be_turned_off() =>
        CleanAt(Verify($"{Ports}, {Pppoe("\"lcpEchoIntervalSeconds\": 0")}, {WanZone}"), "pppoe");

    [Fact]
    public void Dhcp_client_on_a_port_is_valid() =>
        CleanAt(Verify($$"""{{Ports}}, "dhcp": { "clients": [ { "device": "eth0", "routeMetric": 100 } ] } """), "dhcp");

    [Fact]
    public void Dhcp_client_needs_an_existing_non_ppp_non_bridged_device()
    {
        var result = Verify($$"""
            {{Ports}},
            "bridges": [ { "name": "br0", "ports": [ { "name": "eth1" } ] } ],
            {{Pppoe("")}},
            "dhcp": { "clients": [ { "device": "eth9" }, { "device": "wan" }, { "device": "eth1" }, { "device": "eth0", "routeMetric": -1 } ] }
            """);
        HasError(result, "dhcp.clients[eth9].device", "no such device");
        HasError(result, "dhcp.clients[wan].device", "gets its address from PPP");
        HasError(result, "dhcp.clients[eth1].device", "eth1 is a port of bridge br0");
        HasError(result, "dhcp.clients[eth0].routeMetric", "out of range");
    }

    [Fact]
    public void Dhcp_client_beside_a_static_ipv4_address_is_a_warning() =>
        HasWarning(Verify($$"""
            {{Ports}},
            "addresses": [ { "device": "eth0", "address": "192.0.2.2/24" } ],
            "dhcp": { "clients": [ { "device": "eth0" } ] }
            """), "dhcp.clients[eth0]", "will have both");
}

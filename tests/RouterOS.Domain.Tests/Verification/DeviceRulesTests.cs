using static RouterOS.Domain.Tests.Support.VerifyAssert;

namespace RouterOS.Domain.Tests.Verification;

/// <summary>Names, cycles, MACs and MTUs: the rules every kind of device shares.</summary>
public class DeviceRulesTests
{
    [Fact]
    public void Schema_version_must_be_the_one_this_build_reads()
    {
        var result = Support.VerifyAssert.Verify(""" "ports": [] """);
        CleanAt(result, "schemaVersion");
        var other = Domain.Verification.ConfigVerifier.Verify(Domain.Model.RouterConfig.Empty with { SchemaVersion = 3 });
        HasError(other, "schemaVersion", "newer RouterOS");
    }

    [Fact]
    public void Device_names_are_unique_across_all_kinds()
    {
        var result = Verify("""
            "ports": [ { "name": "eth0" }, { "name": "wan" } ],
            "bridges": [ { "name": "eth0" } ],
            "pppoe": [ { "name": "wan", "parent": "eth0", "username": "u", "password": "p" } ]
            """);
        HasError(result, "bridges[eth0]", "already used by a port");
        HasError(result, "pppoe[wan]", "already used by a port");
    }

    [Fact]
    public void The_same_name_twice_in_one_list_is_an_error()
    {
        HasError(Verify(""" "ports": [ { "name": "eth0" }, { "name": "eth0" } ] """), "ports[eth0]", "another port");
        CleanAt(Verify(""" "ports": [ { "name": "eth0" }, { "name": "eth1" } ] """), "ports");
    }

    [Fact]
    public void Named_objects_are_unique_within_their_list()
    {
        var result = Verify("""
            "flowtables": [ { "name": "ft" }, { "name": "ft" } ],
            "offloadPolicy": [ { "name": "r", "action": "never" }, { "name": "r", "action": "never" } ],
            "firewall": {
              "zones": [ { "name": "lan" }, { "name": "lan" } ],
              "forwardings": [ { "from": "lan", "to": "lan" }, { "from": "lan", "to": "lan" } ],
              "inputRules": [ { "name": "ssh", "zone": "lan", "protocol": "tcp", "ports": [22] }, { "name": "ssh", "zone": "lan", "protocol": "tcp", "ports": [22] } ]
            },
            "routes": [ { "destination": "10.0.0.0/8", "device": "eth0" }, { "destination": "10.0.0.0/8", "device": "eth0" } ],
            "ports": [ { "name": "eth0" } ],
            "dhcp": { "clients": [ { "device": "eth0" }, { "device": "eth0" } ] },
            "shaping": [ { "device": "eth0", "egressKbitPerSecond": 1000 }, { "device": "eth0", "egressKbitPerSecond": 2000 } ]
            """);
        HasError(result, "flowtables[ft]", "flowtable ft appears more than once");
        HasError(result, "offloadPolicy[r]", "offload rule r appears more than once");
        HasError(result, "firewall.zones[lan]", "zone lan appears more than once");
        HasError(result, "firewall.forwardings[lan->lan]", "forwarding lan->lan appears more than once");
        HasError(result, "firewall.inputRules[ssh]", "input rule ssh appears more than once");
        HasError(result, "routes[10.0.0.0/8]", "route 10.0.0.0/8 appears more than once");
        HasError(result, "dhcp.clients[eth0]", "DHCP client on eth0 appears more than once");
        HasError(result, "shaping[eth0]", "shaper on eth0 appears more than once");
    }

    [Fact]
    public void Routes_to_one_destination_with_different_metrics_are_different_routes() =>
        CleanAt(Verify("""
            "ports": [ { "name": "eth0" } ],
            "routes": [ { "destination": "10.0.0.0/8", "device": "eth0" }, { "destination": "10.0.0.0/8", "device": "eth0", "metric": 20 } ]
            """), "routes");

    [Fact]
    public void A_vlan_on_a_vlan_on_itself_is_a_cycle()
    {
        var result = Verify("""
            "vlans": [
              { "name": "v1", "parent": "v2", "id": 10 },
              { "name": "v2", "parent": "v1", "id": 20 }
            ]
            """);
        HasError(result, "vlans[v1]", "cycle (v1 -> v2 -> v1)");
        Assert.Single(result.Errors, e => e.Message.Contains("cycle", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bridge_holding_a_vlan_of_itself_is_a_cycle() =>
        HasError(Verify("""
            "bridges": [ { "name": "br0", "ports": [ { "name": "br0.5" } ] } ],
            "vlans": [ { "name": "br0.5", "parent": "br0", "id": 5 } ]
            """), "bridges[br0]", "cycle (br0 -> br0.5 -> br0)");

    [Fact]
    public void A_vlan_stack_without_a_cycle_is_fine() =>
        CleanAt(Verify("""
            "ports": [ { "name": "eth0" } ],
            "vlans": [ { "name": "eth0.100", "parent": "eth0", "id": 100, "protocol": "802.1ad" }, { "name": "eth0.100.7", "parent": "eth0.100", "id": 7 } ]
            """), "vlans");

    [Fact]
    public void Two_devices_may_not_set_the_same_mac()
    {
        HasError(Verify("""
            "ports": [ { "name": "eth0", "mac": "02:00:00:00:00:01" } ],
            "bridges": [ { "name": "br0", "mac": "02-00-00-00-00-01" } ]
            """), "bridges[br0].mac", "already set on ports[eth0]");
        CleanAt(Verify("""
            "ports": [ { "name": "eth0", "mac": "02:00:00:00:00:01" } ],
            "bridges": [ { "name": "br0", "mac": "02:00:00:00:00:02" } ]
            """), "bridges");
    }

    [Fact]
    public void An_ipv6_address_needs_an_mtu_of_at_least_1280()
    {
        HasError(Verify("""
            "ports": [ { "name": "eth0", "mtu": 1200 } ],
            "addresses": [ { "device": "eth0", "address": "2001:db8::1/64" } ]
            """), "ports[eth0].mtu", "below 1280");
        CleanAt(Verify("""
            "ports": [ { "name": "eth0", "mtu": 1200 } ],
            "addresses": [ { "device": "eth0", "address": "192.0.2.1/24" } ],
            "firewall": { "zones": [ { "name": "lan", "interfaces": [ "eth0" ] } ] }
            """), "ports");
    }

    [Fact]
    public void Verify_returns_every_error_not_just_the_first()
    {
        var result = Verify("""
            "bridges": [ { "name": "br0", "ports": [ { "name": "eth8" }, { "name": "eth9" } ] } ],
            "vlans": [ { "name": "v7", "parent": "eth7", "id": 7 } ],
            "addresses": [ { "device": "eth6", "address": "10.0.0.1/24" } ]
            """);
        HasError(result, "bridges[br0].ports[eth8]", "no such device");
        HasError(result, "bridges[br0].ports[eth9]", "no such device");
        HasError(result, "vlans[v7].parent", "no such device");
        HasError(result, "addresses[10.0.0.1/24].device", "no such device");
        Assert.Equal(4, result.Errors.Count());
    }
}

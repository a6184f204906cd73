using static RouterOS.Domain.Tests.Support.VerifyAssert;

namespace RouterOS.Domain.Tests.Verification;

public class BridgeAndVlanRulesTests
{
    private const string Ports = """ "ports": [ { "name": "eth0" }, { "name": "eth1" }, { "name": "eth2" } ] """;

    [Fact]
    public void A_bridge_port_must_exist()
    {
        HasError(Verify($$"""{{Ports}}, "bridges": [ { "name": "br-lan", "ports": [ { "name": "eth9" } ] } ] """),
            "bridges[br-lan].ports[eth9]", "no such device");
        CleanAt(Verify($$"""{{Ports}}, "bridges": [ { "name": "br-lan", "ports": [ { "name": "eth1" } ] } ] """), "bridges");
    }

    [Fact]
    public void A_port_belongs_to_at_most_one_bridge() =>
        HasError(Verify($$"""
            {{Ports}},
            "bridges": [ { "name": "br0", "ports": [ { "name": "eth1" } ] }, { "name": "br1", "ports": [ { "name": "eth1" } ] } ]
            """), "bridges[br1].ports[eth1]", "already a port of bridge br0");

    [Fact]
    public void A_port_is_listed_once_in_its_bridge() =>
        HasError(Verify($$"""{{Ports}}, "bridges": [ { "name": "br0", "ports": [ { "name": "eth1" }, { "name": "eth1" } ] } ] """),
            "bridges[br0].ports[eth1]", "listed twice");

    [Fact]
    public void Bridges_and_pppoe_cannot_be_bridge_ports()
    {
        var result = Verify($$"""
            {{Ports}},
            "bridges": [ { "name": "br0", "ports": [ { "name": "br1" }, { "name": "ppp0" } ] }, { "name": "br1" } ],
            "pppoe": [ { "name": "ppp0", "parent": "eth0", "username": "u", "password": "p" } ]
            """);
        HasError(result, "bridges[br0].ports[br1]", "bridge br1 cannot be a bridge port");
        HasError(result, "bridges[br0].ports[ppp0]", "PPPoE uplink ppp0 cannot be a bridge port");
    }

    [Fact]
    public void A_vlan_device_may_be_a_bridge_port() =>
        CleanAt(Verify($$"""
            {{Ports}},
            "vlans": [ { "name": "eth0.10", "parent": "eth0", "id": 10 } ],
            "bridges": [ { "name": "br0", "ports": [ { "name": "eth0.10" }, { "name": "eth1" } ] } ]
            """), "bridges");

    [Fact]
    public void A_port_has_at_most_one_pvid_and_each_vlan_once()
    {
        var result = Verify($$"""
            {{Ports}},
            "bridges": [ { "name": "br0", "vlanFiltering": true, "ports": [
              { "name": "eth1", "vlans": [ { "vlan": 10, "pvid": true, "untagged": true }, { "vlan": 20, "pvid": true }, { "vlan": 10 } ] } ] } ]
            """);
        HasError(result, "bridges[br0].ports[eth1].vlans[20]", "only one VLAN per port can be the PVID");
        HasError(result, "bridges[br0].ports[eth1].vlans[10]", "listed twice");
    }

    [Fact]
    public void Self_vlans_follow_the_same_rules() =>
        HasError(Verify($$"""
            "bridges": [ { "name": "br0", "vlanFiltering": true, "selfVlans": [ { "vlan": 10 }, { "vlan": 10 } ] } ]
            """), "bridges[br0].selfVlans[10]", "listed twice");

    [Fact]
    public void Vlan_membership_without_vlan_filtering_is_a_warning()
    {
        var off = Verify($$"""{{Ports}}, "bridges": [ { "name": "br0", "ports": [ { "name": "eth1", "vlans": [ { "vlan": 10 } ] } ] } ] """);
        HasWarning(off, "bridges[br0].ports[eth1].vlans", "no effect while vlanFiltering is off");
        Assert.True(off.IsValid);
        CleanAt(Verify($$"""{{Ports}}, "bridges": [ { "name": "br0", "vlanFiltering": true, "ports": [ { "name": "eth1", "vlans": [ { "vlan": 10 } ] } ] } ] """), "bridges");
    }

    [Fact]
    public void Default_pvid_and_protocol_without_vlan_filtering_are_a_warning() =>
        HasWarning(Verify(""" "bridges": [ { "name": "br0", "vlanProtocol": "802.1ad", "defaultPvid": 5 } ] """),
            "bridges[br0].vlanFiltering", "no effect while vlanFiltering is off");

    [Fact]
    public void A_bridge_mtu_cannot_exceed_its_smallest_port()
    {
        HasError(Verify("""
            "ports": [ { "name": "eth1", "mtu": 9000 }, { "name": "eth2" } ],
            "bridges": [ { "name": "br0", "mtu": 9000, "ports": [ { "name": "eth1" }, { "name": "eth2" } ] } ]
            """), "bridges[br0].mtu", "larger than the MTU 1500 of its port eth2");
        CleanAt(Verify("""
            "ports": [ { "name": "eth1", "mtu": 9000 }, { "name": "eth2", "mtu": 9000 } ],
            "bridges": [ { "name": "br0", "mtu": 9000, "ports": [ { "name": "eth1" }, { "name": "eth2" } ] } ]
            """), "bridges");
    }

    [Fact]
    public void A_vlan_parent_must_exist_and_carry_ethernet()
    {
        var result = Verify($$"""
            {{Ports}},
            "pppoe": [ { "name": "ppp0", "parent": "eth0", "username": "u", "password": "p" } ],
            "vlans": [ { "name": "v1", "parent": "eth9", "id": 1 }, { "name": "v2", "parent": "ppp0", "id": 2 } ]
            """);
        HasError(result, "vlans[v1].parent", "no such device");
        HasError(result, "vlans[v2].parent", "carries PPP, not Ethernet frames");
    }

    [Fact]
    public void A_vlan_id_is_unique_per_parent_and_protocol()
    {
        HasError(Verify($$"""
            {{Ports}},
            "vlans": [ { "name": "a", "parent": "eth0", "id": 7 }, { "name": "b", "parent": "eth0", "id": 7 } ]
            """), "vlans[b].id", "VLAN 7 (802.1Q) on eth0 is already a");
        CleanAt(Verify($$"""
            {{Ports}},
            "vlans": [ { "name": "a", "parent": "eth0", "id": 7 }, { "name": "b", "parent": "eth0", "id": 7, "protocol": "802.1ad" }, { "name": "c", "parent": "eth1", "id": 7 } ]
            """), "vlans");
    }

    [Fact]
    public void A_vlan_mtu_fits_in_its_parent()
    {
        HasError(Verify($$"""{{Ports}}, "vlans": [ { "name": "v", "parent": "eth0", "id": 7, "mtu": 1504 } ] """),
            "vlans[v].mtu", "larger than the MTU 1500 of its parent eth0");
        CleanAt(Verify("""
            "ports": [ { "name": "eth0", "mtu": 1504 } ],
            "vlans": [ { "name": "v", "parent": "eth0", "id": 7, "mtu": 1504 }, { "name": "w", "parent": "v", "id": 8, "mtu": 1500 } ]
            """), "vlans");
    }

    [Fact]
    public void A_vlan_mtu_is_checked_against_a_parent_that_inherits_its_own()
    {
        HasError(Verify("""
            "ports": [ { "name": "eth0", "mtu": 1400 } ],
            "vlans": [ { "name": "v", "parent": "eth0", "id": 7 }, { "name": "w", "parent": "v", "id": 8, "mtu": 1500 } ]
            """), "vlans[w].mtu", "larger than the MTU 1400 of its parent v");
    }
}

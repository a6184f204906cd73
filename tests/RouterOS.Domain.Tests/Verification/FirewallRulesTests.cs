using static RouterOS.Domain.Tests.Support.VerifyAssert;

namespace RouterOS.Domain.Tests.Verification;

/// <summary>Zones, forwardings, input rules, shaping.</summary>
public class FirewallRulesTests
{
    private const string Router = """
        "ports": [ { "name": "eth0" }, { "name": "eth1" } ],
        "bridges": [ { "name": "br-lan", "ports": [ { "name": "eth1" } ] } ],
        "addresses": [ { "device": "br-lan", "address": "192.168.1.1/24" }, { "device": "eth0", "address": "192.0.2.2/24" } ]
        """;

    private const string LanWan = """
        "zones": [
          { "name": "lan", "interfaces": [ "br-lan" ], "input": "accept" },
          { "name": "wan", "interfaces": [ "eth0" ], "input": "drop", "masquerade": true, "mssClamping": true } ],
        "forwardings": [ { "from": "lan", "to": "wan" } ]
        """;

    private static string Firewall(string body) => $$"""{{Router}}, "firewall": { {{body}} } """;

    [Fact]
    public void Lan_and_wan_zones_with_masquerade_are_clean() => CleanAt(Verify(Firewall(LanWan)), "");

    [Fact]
    public void Zone_interfaces_exist_and_belong_to_one_zone()
    {
        var result = Verify(Firewall("""
            "zones": [ { "name": "a", "interfaces": [ "br-lan", "eth9" ] }, { "name": "b", "interfaces": [ "br-lan", "eth0" ] } ]
            """));
        HasError(result, "firewall.zones[a].interfaces[eth9]", "no such device");
        HasError(result, "firewall.zones[b].interfaces[br-lan]", "already in zone a");
    }

    [Fact]
    public void A_bridge_port_cannot_be_in_a_zone() =>
        HasError(Verify(Firewall(""" "zones": [ { "name": "lan", "interfaces": [ "eth1" ] }, { "name": "wan", "interfaces": [ "eth0", "br-lan" ] } ] """)),
            "firewall.zones[lan].interfaces[eth1]", "eth1 is a port of bridge br-lan");

    [Fact]
    public void Forwardings_reference_existing_zones()
    {
        var result = Verify(Firewall($$"""{{LanWan.Replace("{ \"from\": \"lan\", \"to\": \"wan\" }", "{ \"from\": \"lan\", \"to\": \"dmz\" }", StringComparison.Ordinal)}}"""));
        HasError(result, "firewall.forwardings[lan->dmz].to", "no such zone: dmz");
    }

    [Fact]
    public void Input_rules_reference_a_zone_and_need_a_protocol_for_ports()
    {
        var result = Verify(Firewall($$"""
            {{LanWan}},
            "inputRules": [
              { "name": "ssh", "zone": "wan", "protocol": "tcp", "ports": [ 22 ], "source": "198.51.100.0/24" },
              { "name": "bad-zone", "zone": "dmz", "protocol": "udp", "ports": [ 51820 ] },
              { "name": "no-proto", "zone": "wan", "protocol": "any", "ports": [ 22 ] },
              { "name": "wide-open", "zone": "wan", "protocol": "tcp" } ]
            """));
        Assert.DoesNotContain(result.Findings, f => f.Path.StartsWith("firewall.inputRules[ssh]", StringComparison.Ordinal));
        HasError(result, "firewall.inputRules[bad-zone].zone", "no such zone: dmz");
        HasError(result, "firewall.inputRules[no-proto].ports", "need protocol tcp or udp");
        HasWarning(result, "firewall.inputRules[wide-open]", "opens every TCP port of the router to zone wan");
    }

    [Fact]
    public void A_routed_device_outside_every_zone_is_a_warning() =>
        HasWarning(Verify(Firewall(""" "zones": [ { "name": "lan", "interfaces": [ "br-lan" ] } ] """)),
            "ports[eth0]", "port eth0 is in no firewall zone: nothing is forwarded from or to it");

    [Fact]
    public void Without_zones_every_interface_with_an_address_is_a_warning_at_its_own_path()
    {
        var result = Verify(Router);

        HasWarning(result, "bridges[br-lan]", "bridge br-lan is in no firewall zone");
        HasWarning(result, "ports[eth0]", "port eth0 is in no firewall zone");
        // eth1 is a port of br-lan: its traffic is the bridge's.
        Assert.DoesNotContain(result.Findings, finding => finding.Path == "ports[eth1]");
    }

    [Fact]
    public void An_uplink_taking_its_address_by_dhcp_outside_every_zone_is_a_warning() =>
        HasWarning(Verify($$"""{{Router}}, "dhcp": { "clients": [ { "device": "eth0" } ] }, "firewall": { "zones": [ { "name": "lan", "interfaces": [ "br-lan" ] } ] } """
            .Replace(", { \"device\": \"eth0\", \"address\": \"192.0.2.2/24\" }", "", StringComparison.Ordinal)), "ports[eth0]", "in no firewall zone");

    [Fact]
    public void Masquerade_on_an_empty_zone_is_a_warning() =>
        HasWarning(Verify(Firewall(""" "zones": [ { "name": "lan", "interfaces": [ "br-lan", "eth0" ] }, { "name": "wan", "masquerade": true } ] """)),
            "firewall.zones[wan].masquerade", "nothing is translated");

    [Fact]
    public void A_shaper_needs_a_device_and_a_sane_rate()
    {
        var result = Verify($$"""{{Router}}, "shaping": [ { "device": "eth9", "egressKbitPerSecond": 1000 }, { "device": "eth0", "egressKbitPerSecond": 10 } ] """);
        HasError(result, "shaping[eth9].device", "no such device");
        HasError(result, "shaping[eth0].egressKbitPerSecond", "out of range");
        CleanAt(Verify($$"""{{Router}}, "shaping": [ { "device": "eth0", "egressKbitPerSecond": 100000 } ] """), "shaping");
    }
}

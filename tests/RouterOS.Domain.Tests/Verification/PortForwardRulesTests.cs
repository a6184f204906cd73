using static RouterOS.Domain.Tests.Support.VerifyAssert;

namespace RouterOS.Domain.Tests.Verification;

/// <summary>Port forwards, source NAT, forward rules and the firewall defaults.</summary>
public class PortForwardRulesTests
{
    private const string Router = """
        "ports": [ { "name": "eth0" }, { "name": "eth1" }, { "name": "eth2" } ],
        "bridges": [ { "name": "br-lan", "ports": [ { "name": "eth1" } ] } ],
        "addresses": [ { "device": "br-lan", "address": "192.168.1.1/24" }, { "device": "eth0", "address": "192.0.2.2/24" }, { "device": "eth2", "address": "10.9.0.1/24" } ]
        """;

    private const string Zones = """
        "zones": [
          { "name": "lan", "interfaces": [ "br-lan" ], "input": "accept" },
          { "name": "wan", "interfaces": [ "eth0" ], "input": "drop", "masquerade": true } ],
        "forwardings": [ { "from": "lan", "to": "wan" } ]
        """;

    private static string Firewall(string body) => $$"""{{Router}}, "firewall": { {{Zones}}, {{body}} } """;

    private static string Forwards(params string[] forwards) => Firewall($$""" "portForwards": [ {{string.Join(", ", forwards)}} ] """);

    private static string Forward(string name, string fields) => $$"""{ "name": "{{name}}", "from": "wan", "protocol": "tcp", {{fields}} }""";

    [Fact]
    public void A_forward_to_a_lan_host_is_clean() =>
        CleanAt(Verify(Forwards(Forward("nas", """ "outsidePort": 443, "insideHost": "192.168.1.10", "insidePort": 8443 """))), "firewall");

    [Theory]
    [InlineData("10.99.0.5", "in no LAN network")]
    [InlineData("192.168.1.1", "is the router itself")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("fd00::5", "IPv6")]
    [InlineData("192.0.2.50", "in zone wan itself")]
    [InlineData("10.9.0.5", "which is in no zone")]
    public void The_inside_host_must_be_a_host_in_a_lan_network_of_another_zone(string host, string reason) =>
        HasError(Verify(Forwards(Forward("x", $$""" "outsidePort": 443, "insideHost": "{{host}}" """))), "firewall.portForwards[x].insideHost", reason);

    [Fact]
    public void The_from_zone_must_exist() =>
        HasError(Verify(Forwards("""{ "name": "x", "from": "dmz", "protocol": "udp", "outsidePort": 53, "insideHost": "192.168.1.10" }""")),
            "firewall.portForwards[x].from", "no such zone: dmz");

    [Fact]
    public void Inside_ports_are_as_many_as_outside_ports_and_a_shifted_range_is_bounded()
    {
        HasError(Verify(Forwards(Forward("x", """ "outsidePort": "8000-8010", "insideHost": "192.168.1.10", "insidePort": 80 """))),
            "firewall.portForwards[x].insidePort", "not as many");
        HasError(Verify(Forwards(Forward("x", """ "outsidePort": "10000-10999", "insideHost": "192.168.1.10", "insidePort": "20000-20999" """))),
            "firewall.portForwards[x].insidePort", "more than 256 ports");
        CleanAt(Verify(Forwards(Forward("x", """ "outsidePort": "10000-10999", "insideHost": "192.168.1.10" """))), "firewall");
    }

    [Fact]
    public void Two_forwards_cannot_claim_one_port_but_different_protocols_or_addresses_can()
    {
        var result = Verify(Forwards(
            Forward("a", """ "outsidePort": "8000-8010", "insideHost": "192.168.1.10" """),
            """{ "name": "b", "from": "wan", "protocol": "both", "outsidePort": 8005, "insideHost": "192.168.1.11" }""",
            """{ "name": "c", "from": "wan", "protocol": "udp", "outsidePort": 8000, "insideHost": "192.168.1.12" }""",
            Forward("d", """ "outsidePort": 8000, "insideHost": "192.168.1.13", "enabled": false """)));

        HasError(result, "firewall.portForwards[b].outsidePort", "already forwarded by a");
        Assert.DoesNotContain(result.Findings, f => f.Path.StartsWith("firewall.portForwards[c]", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Findings, f => f.Path.StartsWith("firewall.portForwards[d]", StringComparison.Ordinal));
    }

    [Fact]
    public void An_input_rule_on_the_forwarded_port_is_shadowed_and_said_so() =>
        HasWarning(Verify(Firewall("""
            "inputRules": [ { "name": "ssh", "zone": "wan", "protocol": "tcp", "ports": [ 22 ] } ],
            "portForwards": [ { "name": "jump", "from": "wan", "protocol": "tcp", "outsidePort": 22, "insideHost": "192.168.1.10" } ]
            """)), "firewall.portForwards[jump].outsidePort", "input rule ssh");

    [Fact]
    public void Forward_rules_check_their_zones_protocols_types_families_and_marks()
    {
        var result = Verify(Firewall("""
            "forwardRules": [
              { "name": "ok", "from": "lan", "to": "wan", "protocol": "udp", "ports": [ 5060 ], "setDscp": "ef" },
              { "name": "bad-zone", "from": "dmz", "action": "drop" },
              { "name": "ports-any", "protocol": "any", "ports": [ 80 ] },
              { "name": "types-tcp", "protocol": "tcp", "icmpTypes": [ "echo-request" ] },
              { "name": "v4-type", "protocol": "icmpv6", "icmpTypes": [ "source-quench" ] },
              { "name": "mixed", "protocol": "icmp", "source": "fd00::/8" },
              { "name": "mark-drop", "protocol": "tcp", "action": "drop", "setDscp": "cs1" },
              { "name": "everything", "action": "accept" } ]
            """));

        Assert.DoesNotContain(result.Findings, f => f.Path.StartsWith("firewall.forwardRules[ok]", StringComparison.Ordinal));
        HasError(result, "firewall.forwardRules[bad-zone].from", "no such zone: dmz");
        HasError(result, "firewall.forwardRules[ports-any].ports", "need protocol tcp or udp");
        HasError(result, "firewall.forwardRules[types-tcp].icmpTypes", "need protocol icmp or icmpv6");
        HasError(result, "firewall.forwardRules[v4-type].icmpTypes[source-quench]", "ICMPv6 has no type source-quench");
        HasError(result, "firewall.forwardRules[mixed].source", "could never match");
        HasError(result, "firewall.forwardRules[mark-drop].setDscp", "only accepted traffic");
        HasWarning(result, "firewall.forwardRules[everything]", "accepts every forwarded connection");
    }

    [Fact]
    public void Source_nat_needs_a_zone_and_ipv4_and_defaults_their_ranges()
    {
        var result = Verify(Firewall("""
            "sourceNat": [ { "name": "ok", "zone": "wan", "to": "198.51.100.8/29" }, { "name": "six", "zone": "dmz", "to": "2001:db8::1" } ],
            "defaults": { "synFloodProtection": true, "synFloodRate": 0 }
            """));

        Assert.DoesNotContain(result.Findings, f => f.Path.StartsWith("firewall.sourceNat[ok]", StringComparison.Ordinal));
        HasError(result, "firewall.sourceNat[six].zone", "no such zone: dmz");
        HasError(result, "firewall.sourceNat[six].to", "IPv6");
        HasError(result, "firewall.defaults.synFloodRate", "out of range");
    }

    [Fact]
    public void Names_are_unique_in_each_list() =>
        HasError(Verify(Forwards(Forward("a", """ "outsidePort": 1, "insideHost": "192.168.1.10" """), Forward("a", """ "outsidePort": 2, "insideHost": "192.168.1.10" """))),
            "firewall.portForwards[a]", "");
}

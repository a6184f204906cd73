using static RouterOS.Domain.Tests.Support.VerifyAssert;

namespace RouterOS.Domain.Tests.Verification;

public class OffloadPolicyRulesTests
{
    private const string Router = """
        "ports": [ { "name": "eth0" }, { "name": "eth1" }, { "name": "eth2" } ],
        "bridges": [ { "name": "br-lan", "ports": [ { "name": "eth1" } ] } ],
        "flowtables": [ { "name": "ft", "devices": [ "eth0", "eth1" ] } ]
        """;

    private static string Policy(string rules) => $$"""{{Router}}, "offloadPolicy": [ {{rules}} ] """;

    [Fact]
    public void An_ordered_policy_with_an_exclusion_first_is_clean() =>
        CleanAt(Verify(Policy("""
            { "name": "shaped-host", "action": "never", "match": { "source": "192.168.1.50/32" } },
            { "name": "lan-out", "action": "offload", "flowtable": "ft", "match": { "inputInterface": "br-lan", "outputInterface": "eth0" } },
            { "name": "web", "action": "offload", "flowtable": "ft", "match": { "protocol": "tcp", "destinationPorts": [ 443, "8000-8080" ], "dscp": "af41" } }
            """)), "offloadPolicy");

    [Fact]
    public void Offload_needs_an_existing_flowtable_and_never_takes_none()
    {
        var result = Verify(Policy("""
            { "name": "a", "action": "offload" },
            { "name": "b", "action": "offload", "flowtable": "nope" },
            { "name": "c", "action": "never", "flowtable": "ft" }
            """));
        HasError(result, "offloadPolicy[a].flowtable", "needs the flowtable");
        HasError(result, "offloadPolicy[b].flowtable", "no such flowtable: nope");
        HasError(result, "offloadPolicy[c].flowtable", "remove its flowtable");
    }

    [Fact]
    public void Ports_need_tcp_or_udp() =>
        HasError(Verify(Policy("""{ "name": "a", "action": "offload", "flowtable": "ft", "match": { "destinationPorts": [ 53 ] } }""")),
            "offloadPolicy[a].match.destinationPorts", "need protocol tcp or udp");

    [Fact]
    public void Interfaces_must_exist() =>
        HasError(Verify(Policy("""{ "name": "a", "action": "offload", "flowtable": "ft", "match": { "inputInterface": "eth9" } }""")),
            "offloadPolicy[a].match.inputInterface", "no such device");

    [Fact]
    public void A_bridge_port_as_interface_can_never_match() =>
        HasWarning(Verify(Policy("""{ "name": "a", "action": "offload", "flowtable": "ft", "match": { "inputInterface": "eth1" } }""")),
            "offloadPolicy[a].match.inputInterface", "can never match: eth1 is a port of bridge br-lan");

    [Fact]
    public void Mixed_address_families_can_never_match() =>
        HasWarning(Verify(Policy("""{ "name": "a", "action": "never", "match": { "source": "10.0.0.0/8", "destination": "2001:db8::/32" } }""")),
            "offloadPolicy[a]", "different address families");

    [Fact]
    public void A_rule_behind_a_wider_one_can_never_match()
    {
        var result = Verify(Policy("""
            { "name": "all-tcp", "action": "offload", "flowtable": "ft", "match": { "protocol": "tcp" } },
            { "name": "https", "action": "never", "match": { "protocol": "tcp", "destinationPorts": [ 443 ] } },
            { "name": "dns", "action": "offload", "flowtable": "ft", "match": { "protocol": "udp", "destinationPorts": [ 53 ] } }
            """));
        HasWarning(result, "offloadPolicy[https]", "can never match: rule all-tcp above it matches every flow this one does");
        CleanAt(result, "offloadPolicy[dns]");
    }

    [Fact]
    public void A_disabled_rule_shadows_nothing() =>
        CleanAt(Verify(Policy("""
            { "name": "all", "action": "never", "enabled": false },
            { "name": "lan", "action": "offload", "flowtable": "ft", "match": { "inputInterface": "br-lan" } }
            """)), "offloadPolicy");

    [Fact]
    public void Narrower_address_and_port_matches_are_shadowed_by_wider_ones() =>
        HasWarning(Verify(Policy("""
            { "name": "net", "action": "never", "match": { "destination": "10.0.0.0/8", "protocol": "udp", "destinationPorts": [ "1-1024" ] } },
            { "name": "host", "action": "offload", "flowtable": "ft", "match": { "destination": "10.1.2.3/32", "protocol": "udp", "destinationPorts": [ 53, "100-200" ] } }
            """)), "offloadPolicy[host]", "rule net above it");

    [Fact]
    public void Flows_through_an_interface_the_flowtable_does_not_hook_stay_classic() =>
        HasWarning(Verify(Policy("""{ "name": "a", "action": "offload", "flowtable": "ft", "match": { "inputInterface": "eth2" } }""")),
            "offloadPolicy[a]", "flows through eth2 stay on the classic path: flowtable ft does not hook eth2");
}

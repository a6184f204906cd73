using RouterOS.Engine.Nft;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Plans;

/// <summary>The firewall fails closed: the base table, and what the generated table does with interfaces in no zone.</summary>
public sealed class FailClosedRulesetTests
{
    private const string NoZones = """
    {
      "schemaVersion": 1,
      "ports": [ { "name": "lan0" }, { "name": "wan0" } ],
      "addresses": [ { "device": "lan0", "address": "192.168.1.1/24" }, { "device": "wan0", "address": "203.0.113.2/24" } ]
    }
    """;

    private const string OneUnzonedPort = """
    {
      "schemaVersion": 1,
      "ports": [ { "name": "lan0" }, { "name": "lan1" }, { "name": "wan0" } ],
      "addresses": [ { "device": "lan0", "address": "192.168.1.1/24" }, { "device": "lan1", "address": "192.168.2.1/24" }, { "device": "wan0", "address": "203.0.113.2/24" } ],
      "flowtables": [ { "name": "ft", "devices": [ "lan0", "wan0" ] } ],
      "offloadPolicy": [ { "name": "all", "action": "offload", "flowtable": "ft" } ],
      "firewall": {
        "zones": [ { "name": "lan", "interfaces": [ "lan0" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ], "masquerade": true } ],
        "forwardings": [ { "from": "lan", "to": "wan" } ]
      }
    }
    """;

    [Fact]
    public void The_base_table_forwards_nothing_and_answers_only_loopback_and_its_own_connections()
    {
        Assert.Equal("""
            table inet routeros {
                comment "fail-closed base: no configuration applied"
                chain input {
                    type filter hook input priority filter; policy drop;
                    iif "lo" accept
                    ct state established,related accept
                }
                chain forward {
                    type filter hook forward priority filter; policy drop;
                }
                chain output {
                    type filter hook output priority filter; policy accept;
                }
            }

            """.ReplaceLineEndings("\n"), BaseRuleset.Text.Table);
        Assert.StartsWith("table inet routeros\ndelete table inet routeros\n", BaseRuleset.Text.ReplaceCommand, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_zones_nothing_is_forwarded_and_the_router_answers_as_the_base_does()
    {
        var text = RulesetGenerator.Generate(Configs.Parse(NoZones)).Table;

        Assert.Contains("type filter hook forward priority filter; policy drop;", text, StringComparison.Ordinal);
        Assert.Contains("type filter hook input priority filter; policy drop;", text, StringComparison.Ordinal);
        var accepts = text.Split('\n').Select(line => line.Trim()).Where(line => line.EndsWith("accept", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "iif \"lo\" accept",
            "ct state established,related accept",
            RulesetGenerator.Icmpv6Input,
            RulesetGenerator.MldInput,
            "icmpv6 type echo-request limit rate 1000/second accept",
        ], accepts);
    }

    [Fact]
    public void An_interface_in_no_zone_is_dropped_before_established_connections_and_the_offload_policy()
    {
        var ruleset = RulesetGenerator.Generate(Configs.Parse(OneUnzonedPort));
        var forward = ruleset.Table[ruleset.Table.IndexOf("chain forward {", StringComparison.Ordinal)..];
        forward = forward[..forward.IndexOf("    }\n", StringComparison.Ordinal)];

        var fromUnzoned = forward.IndexOf("iifname != { \"lan0\", \"wan0\" } drop comment \"interface in no zone\"", StringComparison.Ordinal);
        var toUnzoned = forward.IndexOf("oifname != { \"lan0\", \"wan0\" } drop comment \"interface in no zone\"", StringComparison.Ordinal);
        Assert.True(fromUnzoned > 0 && toUnzoned > fromUnzoned, forward);
        Assert.True(forward.IndexOf("jump offload_policy", StringComparison.Ordinal) > toUnzoned, forward);
        Assert.True(forward.IndexOf("ct state established,related accept", StringComparison.Ordinal) > toUnzoned, forward);
        Assert.Contains("policy drop;", forward, StringComparison.Ordinal);
        // lan1's input falls through every zone's jump to the chain's policy.
        Assert.Contains("type filter hook input priority filter; policy drop;", ruleset.Table, StringComparison.Ordinal);
        Assert.DoesNotContain("lan1", ruleset.Table, StringComparison.Ordinal);
    }
}

using RouterOS.Engine.Flows;
using RouterOS.Engine.Tests.Support;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Tests.Flows;

/// <summary>Naming the offload rule that decided a flow, from its conntrack entry alone.</summary>
public sealed class OffloadPolicyMatcherTests
{
    private static readonly OffloadPolicyMatcher Policy = OffloadPolicyMatcher.Compile(Configs.Parse("""
    {
      "schemaVersion": 1,
      "flowtables": [ { "name": "ft", "devices": [ "eth0" ] } ],
      "offloadPolicy": [
        { "name": "no-voip", "action": "never", "match": { "protocol": "udp", "destinationPorts": [ 5060 ] } },
        { "name": "nas", "action": "offload", "flowtable": "ft", "match": { "protocol": "tcp", "destination": "192.168.1.10/32", "destinationPorts": [ 80 ] } },
        { "name": "off", "action": "offload", "flowtable": "ft", "enabled": false },
        { "name": "lan", "action": "offload", "flowtable": "ft", "match": { "source": "192.168.1.0/24" } },
        { "name": "from-wan0", "action": "offload", "flowtable": "ft", "match": { "inputInterface": "wan0" } },
        { "name": "rest", "action": "offload", "flowtable": "ft" }
      ]
    }
    """));

    [Fact]
    public void The_first_matching_rule_decides() =>
        Assert.Equal("no-voip", Policy.RuleOf(Flow(17, "192.168.1.5", 4000, "198.51.100.1", 5060))?.Name.ToString());

    [Fact]
    public void A_port_forward_is_matched_on_its_translated_destination()
    {
        // The client asked for 203.0.113.2:8080; DNAT sent it to 192.168.1.10:80, which answers.
        var forwarded = Flow(6, "198.51.100.7", 50000, "203.0.113.2", 8080) with
        {
            Reply = new ConntrackTuple(FlowAddress.Parse("192.168.1.10"), FlowAddress.Parse("198.51.100.7"), 6, 80, 50000),
        };

        Assert.Equal("nas", Policy.RuleOf(forwarded)?.Name.ToString());
    }

    [Fact]
    public void Disabled_rules_are_skipped_and_sources_compared_before_masquerade() =>
        Assert.Equal("lan", Policy.RuleOf(Flow(6, "192.168.1.77", 40000, "198.51.100.1", 443))?.Name.ToString());

    [Fact]
    public void A_rule_on_interfaces_without_the_flows_devices_makes_the_answer_unknown() =>
        Assert.Null(Policy.RuleOf(Flow(6, "10.0.0.1", 40000, "198.51.100.1", 443)));

    [Fact]
    public void A_rule_on_interfaces_is_decided_by_the_flows_devices()
    {
        var flow = Flow(6, "10.0.0.1", 40000, "198.51.100.1", 443);

        Assert.Equal("from-wan0", Policy.RuleOf(flow, new FlowPath("wan0", null, "lan0", null, false, false))?.Name.ToString());
        Assert.Equal("rest", Policy.RuleOf(flow, new FlowPath("lan0", null, "wan0", null, false, false))?.Name.ToString());
    }

    [Fact]
    public void No_rule_decides_a_flow_that_is_neither_tcp_nor_udp() =>
        Assert.Null(Policy.RuleOf(Flow(1, "192.168.1.5", 0, "198.51.100.1", 0), new FlowPath("lan0", null, "wan0", null, false, false)));

    private static ConntrackEntry Flow(byte protocol, string source, ushort sourcePort, string destination, ushort destinationPort)
    {
        var original = new ConntrackTuple(FlowAddress.Parse(source), FlowAddress.Parse(destination), protocol, sourcePort, destinationPort);
        var reply = new ConntrackTuple(original.Destination, original.Source, protocol, destinationPort, sourcePort);
        return new ConntrackEntry(1, original, reply, 0, 30, 0, 0, 0, null, null, 0);
    }
}

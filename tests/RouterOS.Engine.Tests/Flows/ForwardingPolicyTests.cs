using RouterOS.Engine.Flows;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Flows;

/// <summary>Which new connections a zone firewall forwards, as the forward chain decides them.</summary>
public sealed class ForwardingPolicyTests
{
    private static readonly ForwardingPolicy LanToWan = Policy("""
        "zones": [ { "name": "lan", "interfaces": [ "lan0", "lan1" ] }, { "name": "wan", "interfaces": [ "wan0" ] } ],
        "forwardings": [ { "from": "lan", "to": "wan" } ]
        """);

    [Theory]
    [InlineData("lan0", "wan0", true)]
    [InlineData("lan1", "wan0", true)]
    [InlineData("wan0", "lan0", false)] // replies only: the connection must begin on the LAN
    [InlineData("lan0", "lan1", false)] // within a zone only with a forwarding to itself
    [InlineData("lan0", "dmz0", false)] // an interface in no zone
    public void A_connection_is_forwarded_only_from_a_zone_to_one_it_forwards_to(string input, string output, bool allowed) =>
        Assert.Equal(allowed, LanToWan.Allows(input, output));

    [Fact]
    public void Without_zones_nothing_is_forwarded() =>
        Assert.False(ForwardingPolicy.Of(Domain.Model.RouterConfig.Empty).Allows("lan0", "wan0"));

    [Fact]
    public void Policies_are_the_same_only_with_the_same_zones_of_the_same_interfaces_and_forwardings()
    {
        Assert.True(LanToWan.SameAs(Policy("""
            "zones": [ { "name": "wan", "interfaces": [ "wan0" ] }, { "name": "lan", "interfaces": [ "lan1", "lan0" ] } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
            """)));
        Assert.False(LanToWan.SameAs(Policy("""
            "zones": [ { "name": "lan", "interfaces": [ "lan0" ] }, { "name": "wan", "interfaces": [ "wan0" ] } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
            """)));
        Assert.False(LanToWan.SameAs(Policy("""
            "zones": [ { "name": "lan", "interfaces": [ "lan0", "lan1" ] }, { "name": "wan", "interfaces": [ "wan0" ] } ],
            "forwardings": [ { "from": "lan", "to": "wan" }, { "from": "wan", "to": "lan" } ]
            """)));
    }

    [Fact]
    public void A_port_forward_allows_translated_connections_from_its_zone_and_by_hairpin_from_the_host_s()
    {
        var policy = Policy($$"""
            "zones": [ { "name": "lan", "interfaces": [ "lan0", "lan1" ] }, { "name": "wan", "interfaces": [ "wan0" ] } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ],
            "portForwards": [ { "name": "nas", "from": "wan", "protocol": "tcp", "outsidePort": 443, "insideHost": "192.168.1.10" } ]
            """);
        var nas = Netlink.Netfilter.FlowAddress.Parse("192.168.1.10");

        Assert.False(policy.Allows("wan0", "lan0"));
        Assert.True(policy.AllowsTranslated("wan0", nas));
        Assert.True(policy.AllowsTranslated("lan1", nas));
        Assert.False(policy.AllowsTranslated("wan0", Netlink.Netfilter.FlowAddress.Parse("192.168.1.11")));
        Assert.False(policy.SameAs(LanToWan), "removing the forward must count as a change, so its connections are flushed");
        Assert.False(policy.SameAs(Policy($$"""
            "zones": [ { "name": "lan", "interfaces": [ "lan0", "lan1" ] }, { "name": "wan", "interfaces": [ "wan0" ] } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ],
            "portForwards": [ { "name": "nas", "from": "wan", "protocol": "tcp", "outsidePort": 443, "insideHost": "192.168.1.10", "hairpin": false } ]
            """)));
    }

    private static ForwardingPolicy Policy(string firewall) => ForwardingPolicy.Of(Configs.Parse($$"""
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "lan1" }, { "name": "wan0" } ],
          "addresses": [ { "device": "lan0", "address": "192.168.1.1/24" } ],
          "firewall": { {{firewall}} }
        }
        """));
}

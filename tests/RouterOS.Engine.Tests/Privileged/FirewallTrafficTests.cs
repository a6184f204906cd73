using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Privileged;

/// <summary>
/// Port forwards, hairpin, source NAT to a fixed address, forward rules and DSCP marking, with
/// real traffic between namespaces through the engine's ruleset on the host kernel (root only).
/// </summary>
public sealed class FirewallTrafficTests
{
    private const string Router = """
    {
      "schemaVersion": 1,
      "ports": [ { "name": "lan0" }, { "name": "lan1" }, { "name": "wan0" } ],
      "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan0" }, { "name": "lan1" } ] } ],
      "addresses": [ { "device": "br-lan", "address": "192.168.1.1/24" }, { "device": "wan0", "address": "203.0.113.2/24" } ],
      "routes": [ { "destination": "0.0.0.0/0", "gateway": "203.0.113.1" } ],
      "firewall": {
        "zones": [
          { "name": "lan", "interfaces": [ "br-lan" ], "input": "accept" },
          { "name": "wan", "interfaces": [ "wan0" ], "input": "drop", "masquerade": true }
        ],
        "forwardings": [ { "from": "lan", "to": "wan" } ]
        PORT_FORWARDS
      }
    }
    """;

    private const string Rules = """
        , "portForwards": [ { "name": "web", "from": "wan", "protocol": "tcp", "outsidePort": 8080, "insideHost": "192.168.1.10", "insidePort": 80, "source": "203.0.113.0/28" } ],
        "sourceNat": [ { "name": "client", "zone": "wan", "to": "203.0.113.9", "source": "192.168.1.20/32" } ],
        "forwardRules": [
          { "name": "no-ping", "from": "lan", "to": "wan", "protocol": "icmp", "icmpTypes": [ "echo-request" ], "action": "drop" },
          { "name": "voice", "from": "lan", "to": "wan", "protocol": "udp", "ports": [ 9999 ], "setDscp": "ef" }
        ]
    """;

    /// <summary>DSCP ef (46) in the upper six bits of the TOS byte.</summary>
    private const int EfTos = 46 << 2;

    [Fact]
    public async Task Forwards_translations_rules_and_marks_act_on_real_traffic_and_their_counters_count_it()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var testbed = new FirewallTestbed();
        var engine = testbed.Harness.Engine;
        await engine.StartAsync();
        await testbed.ServingAsync();

        // Without a port forward the router's port 8080 is closed to the ISP (wan input drops).
        var plain = await engine.ApplyAsync(Configs.Parse(Router.Replace("PORT_FORWARDS", "", StringComparison.Ordinal)), 1, null);
        Assert.True(plain.Applied, plain.Error);
        Assert.Null(FirewallTestbed.SeenFrom(testbed.Isp, FirewallTestbed.RouterOutside, 8080, FirewallTestbed.IspAddress, seconds: 3));

        var applied = await engine.ApplyAsync(Configs.Parse(Router.Replace("PORT_FORWARDS", Rules, StringComparison.Ordinal)), 2, null);
        Assert.True(applied.Applied, applied.Error);
        Assert.Contains(applied.Plan.Steps, step => step.Detail.Contains("counters start again from zero", StringComparison.Ordinal));

        // The forward: the server sees the ISP's own address; from outside its source CIDR, closed.
        Assert.Equal(FirewallTestbed.IspAddress, FirewallTestbed.SeenFrom(testbed.Isp, FirewallTestbed.RouterOutside, 8080, FirewallTestbed.IspAddress));
        Assert.Null(FirewallTestbed.SeenFrom(testbed.Isp, FirewallTestbed.RouterOutside, 8080, FirewallTestbed.IspOtherAddress, seconds: 3));
        // Hairpin: a LAN client uses the outside address; the server, in the same subnet, sees the router.
        Assert.Equal("192.168.1.1", FirewallTestbed.SeenFrom(testbed.Client, FirewallTestbed.RouterOutside, 8080));
        // Source NAT to the fixed address for the client; masquerade (the uplink's address) for the rest.
        Assert.Equal("203.0.113.9", FirewallTestbed.SeenFrom(testbed.Client, FirewallTestbed.IspAddress, 7000));
        Assert.Equal(FirewallTestbed.RouterOutside, FirewallTestbed.SeenFrom(testbed.Server, FirewallTestbed.IspAddress, 7000));
        // The forward rule drops pings to the ISP while TCP passes (above).
        for (var i = 0; i < 3; i++)
            Assert.False(testbed.Client.TryExec("busybox", "ping", "-c", "1", "-W", "1", FirewallTestbed.IspAddress), "a ping passed the no-ping rule");
        // The marking rule: every datagram of the flow arrives with DSCP ef, not only the first.
        Assert.All(FirewallTestbed.TosSeen(testbed.Server, 3), tos => Assert.Equal(EfTos, tos));

        var counters = (await engine.ReadRuleCountersAsync()).ToDictionary(reading => reading.Path);
        // NAT rules see a connection's first packet only: one per connection translated.
        Assert.Equal(2UL, counters["firewall.portForwards[web]"].Packets);
        Assert.Equal(1UL, counters["firewall.sourceNat[client]"].Packets);
        Assert.Equal(3UL, counters["firewall.forwardRules[no-ping]"].Packets);
        Assert.Equal(3UL * 84, counters["firewall.forwardRules[no-ping]"].Bytes);
        // Forward rules decide new connections: the three datagrams are one UDP flow.
        Assert.Equal(1UL, counters["firewall.forwardRules[voice]"].Packets);

        // A zone firewall change deletes the connections it no longer forwards, but a port
        // forward's (wan -> lan, which no zone forwarding allows) stay while the forward does.
        var forwarded = $@"src={FirewallTestbed.IspAddress} dst={FirewallTestbed.RouterOutside} sport=\d+ dport=8080 ";
        Assert.Matches(forwarded, Connections(testbed));
        var withLanToLan = Router.Replace("PORT_FORWARDS", Rules, StringComparison.Ordinal)
            .Replace("""[ { "from": "lan", "to": "wan" } ]""", """[ { "from": "lan", "to": "wan" }, { "from": "lan", "to": "lan" } ]""", StringComparison.Ordinal);
        Assert.True((await engine.ApplyAsync(Configs.Parse(withLanToLan), 3, null)).Applied);
        Assert.Matches(forwarded, Connections(testbed));
        Assert.True((await engine.ApplyAsync(Configs.Parse(Router.Replace("PORT_FORWARDS", "", StringComparison.Ordinal)), 4, null)).Applied);
        Assert.DoesNotMatch(forwarded, Connections(testbed));
    }

    private static string Connections(FirewallTestbed testbed) => testbed.Harness.Namespace.Exec("conntrack", "-L");
}

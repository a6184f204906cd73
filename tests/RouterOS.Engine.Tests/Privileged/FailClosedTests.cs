using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Privileged;

/// <summary>
/// The firewall fails closed, proven with packets on the real kernel in fresh namespaces (root
/// only): nothing is forwarded right after start, nor from or to interfaces in no zone. The
/// engine's part (what it loads when) is in Control/FailClosedTests.
/// </summary>
public sealed class FailClosedTests
{
    [Fact]
    public async Task Right_after_start_a_packet_between_two_clients_is_not_forwarded()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        using var clients = new TwoClients(harness);
        TwoClients.AddressRouterByHand(harness);

        await harness.Engine.StartAsync();

        Assert.False(TwoClients.Ping(clients.First, TwoClients.SecondAddress), "forwarded with no configuration applied");
        // The control: forwarding is on and the path works; only the base table stopped the packet.
        harness.Namespace.Exec("nft", "delete", "table", "inet", "routeros");
        await Poll.UntilAsync(() => TwoClients.Ping(clients.First, TwoClients.SecondAddress), "the ping forwarded once the table is gone");
    }

    [Fact]
    public async Task Traffic_from_or_to_an_interface_in_no_zone_is_not_forwarded()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        using var clients = new TwoClients(harness);
        await harness.Engine.StartAsync();
        var bothZoned = Router("""
            "zones": [ { "name": "a", "interfaces": [ "lan0" ] }, { "name": "b", "interfaces": [ "lan1" ] } ],
            "forwardings": [ { "from": "a", "to": "b" }, { "from": "b", "to": "a" } ]
            """);
        Assert.True((await harness.Engine.ApplyAsync(bothZoned, 1, null)).Applied);
        // The control: with both LANs in zones that forward to each other, the path works.
        await Poll.UntilAsync(() => TwoClients.Ping(clients.First, TwoClients.SecondAddress), "the ping forwarded between two zones");
        await Poll.UntilAsync(() => TwoClients.Ping(clients.Second, TwoClients.FirstAddress), "the ping forwarded back between two zones");

        var lan1InNoZone = Router("""
            "zones": [ { "name": "a", "interfaces": [ "lan0" ] }, { "name": "wan", "interfaces": [ "wan0" ] } ],
            "forwardings": [ { "from": "a", "to": "wan" } ]
            """);
        Assert.True((await harness.Engine.ApplyAsync(lan1InNoZone, 2, null)).Applied);
        Assert.False(TwoClients.Ping(clients.First, TwoClients.SecondAddress), "forwarded to an interface in no zone");
        Assert.False(TwoClients.Ping(clients.Second, TwoClients.FirstAddress), "forwarded from an interface in no zone");

        var noZones = Configs.Parse($$"""{ "schemaVersion": 1, "ports": [ { "name": "lan0" }, { "name": "lan1" } ], "addresses": {{TwoClients.RouterAddresses}} }""");
        Assert.True((await harness.Engine.ApplyAsync(noZones, 3, null)).Applied);
        Assert.False(TwoClients.Ping(clients.First, TwoClients.SecondAddress), "forwarded with no zones at all");
    }

    private static Domain.Model.RouterConfig Router(string firewall) => Configs.Parse($$"""
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "lan1" }, { "name": "wan0" } ],
          "addresses": {{TwoClients.RouterAddresses}},
          "firewall": { {{firewall}} }
        }
        """);

}

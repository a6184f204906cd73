using RouterOS.Domain.Model;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Privileged;

/// <summary>
/// An apply that changes the zone firewall deletes the connections it no longer forwards, which
/// the forward chain would otherwise go on accepting as established (and the offload policy put
/// back on the fast path: this kernel has no flowtable, so the conntrack entries stand for them),
/// and leaves the connections it still forwards.
/// </summary>
public sealed class PolicyFlushTests
{
    /// <summary>Behind wan0 nobody answers: a connection there is tracked from its first packet all the same.</summary>
    private const string WanHost = "10.3.0.2";

    [Fact]
    public async Task Connections_through_an_interface_taken_out_of_its_zone_are_deleted_and_the_others_kept()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        using var clients = new TwoClients(harness);
        await harness.Engine.StartAsync();
        await ConnectThroughAsync(harness, clients);

        Assert.True((await harness.Engine.ApplyAsync(Router("""
            "zones": [ { "name": "a", "interfaces": [ "lan0" ] }, { "name": "b" }, { "name": "c", "interfaces": [ "wan0" ] } ],
            "forwardings": [ { "from": "a", "to": "b" }, { "from": "a", "to": "c" } ]
            """), 2, null)).Applied);

        var left = Connections(harness);
        Assert.DoesNotContain($"dst={TwoClients.SecondAddress}", left, StringComparison.Ordinal);
        Assert.Contains($"dst={WanHost}", left, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_a_removed_forwarding_allowed_are_deleted_by_a_rollback_at_the_deadline()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        using var clients = new TwoClients(harness);
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Router("""
            "zones": [ { "name": "a", "interfaces": [ "lan0" ] }, { "name": "b", "interfaces": [ "lan1" ] }, { "name": "c", "interfaces": [ "wan0" ] } ],
            "forwardings": [ { "from": "a", "to": "c" } ]
            """), 1, null)).Applied);
        // Revision 2 opens a -> b; connections through it begin; it is not confirmed.
        await ConnectThroughAsync(harness, clients, revision: 2, confirmWithin: TimeSpan.FromSeconds(60));

        harness.Time.Advance(TimeSpan.FromSeconds(61));

        await Poll.UntilAsync(() => harness.Engine.Pending is null && harness.Engine.Applied?.Revision == 1, "the rollback at the deadline");
        var left = Connections(harness);
        Assert.DoesNotContain($"dst={TwoClients.SecondAddress}", left, StringComparison.Ordinal);
        Assert.Contains($"dst={WanHost}", left, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_firewall_change_that_still_forwards_a_connection_leaves_it()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        using var clients = new TwoClients(harness);
        await harness.Engine.StartAsync();
        await ConnectThroughAsync(harness, clients);

        // The zones are renamed and lan1 and wan0 share one: every connection is still forwarded.
        Assert.True((await harness.Engine.ApplyAsync(Router("""
            "zones": [ { "name": "lan", "interfaces": [ "lan0" ] }, { "name": "out", "interfaces": [ "lan1", "wan0" ] } ],
            "forwardings": [ { "from": "lan", "to": "out" }, { "from": "out", "to": "lan" } ]
            """), 2, null)).Applied);

        var left = Connections(harness);
        Assert.Contains($"dst={TwoClients.SecondAddress}", left, StringComparison.Ordinal);
        Assert.Contains($"dst={WanHost}", left, StringComparison.Ordinal);
    }

    private const string AllForwarded = """
        "zones": [ { "name": "a", "interfaces": [ "lan0" ] }, { "name": "b", "interfaces": [ "lan1" ] }, { "name": "c", "interfaces": [ "wan0" ] } ],
        "forwardings": [ { "from": "a", "to": "b" }, { "from": "a", "to": "c" } ]
        """;

    /// <summary>Applies a configuration forwarding a -> b and a -> c, then sends a UDP datagram from the first client to the second and to the host behind wan0.</summary>
    private static async Task ConnectThroughAsync(EngineHarness harness, TwoClients clients, long revision = 1, TimeSpan? confirmWithin = null)
    {
        Assert.True((await harness.Engine.ApplyAsync(Router(AllForwarded), revision, confirmWithin)).Applied);
        // The second client drops them silently: no port unreachable comes back.
        clients.Second.Exec("nft", "add table inet quiet { chain input { type filter hook input priority filter; udp dport 9000 drop; }; }");
        foreach (var destination in new[] { TwoClients.SecondAddress, WanHost })
        {
            clients.First.Exec("python3", "-c",
                $"import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.sendto(b'x', ('{destination}', 9000))");
        }
        var tracked = Connections(harness);
        Assert.Contains($"dst={TwoClients.SecondAddress}", tracked, StringComparison.Ordinal);
        Assert.Contains($"dst={WanHost}", tracked, StringComparison.Ordinal);
    }

    private static RouterConfig Router(string firewall) => Configs.Parse($$"""
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "lan1" }, { "name": "wan0" } ],
          "addresses": [
            { "device": "lan0", "address": "10.1.0.1/24" }, { "device": "lan1", "address": "10.2.0.1/24" }, { "device": "wan0", "address": "10.3.0.1/24" }
          ],
          "firewall": { {{firewall}} }
        }
        """);

    /// <summary>The router's UDP connections to port 9000 (conntrack -L).</summary>
    private static string Connections(EngineHarness harness) =>
        string.Join('\n', harness.Namespace.Exec("conntrack", "-L", "-p", "udp", "--dport", "9000").Split('\n')
            .Where(line => line.Contains("dport=9000", StringComparison.Ordinal)));
}

using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Engine.Flows.Stale;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Flows;

/// <summary>
/// The stale-flow watch against the host kernel (root only): a link losing its carrier, a
/// neighbour's MAC changing and an address removed delete the connections through them, and
/// only those. (Flowtables and bridge port moves are proven in the full-kernel VM.)
/// </summary>
public sealed class StaleFlowWatchTests
{
    [Fact]
    public async Task A_link_losing_its_carrier_deletes_the_flows_through_it()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var testbed = new FlowTestbed();
        using var watch = Start(testbed);
        testbed.SendUdp(sourcePort: 41000, count: 2, payload: 10);
        InsertLocal(testbed);
        Assert.Contains("sport=41000", Connections(testbed), StringComparison.Ordinal);

        // The far end goes down: wan0 has no carrier (its routes stay, marked linkdown).
        testbed.Server.Exec("ip", "link", "set", "s0", "down");

        await Poll.UntilAsync(() => !Connections(testbed).Contains("sport=41000", StringComparison.Ordinal), "the flow through wan0 deleted");
        Assert.Contains("sport=5353", Connections(testbed), StringComparison.Ordinal);
        Assert.Equal(1, watch.Deleted);
    }

    [Fact]
    public async Task A_neighbour_changing_its_mac_deletes_its_flows()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var testbed = new FlowTestbed();
        // Known before the watch starts: it reads the neighbours as they are.
        testbed.Router.Exec("ip", "neigh", "replace", "10.1.0.2", "lladdr", "02:00:00:00:00:01", "dev", "lan0", "nud", "permanent");
        testbed.SendUdp(sourcePort: 41001, count: 2, payload: 10);
        using var watch = Start(testbed);
        InsertLocal(testbed);

        testbed.Router.Exec("ip", "neigh", "replace", "10.1.0.2", "lladdr", "02:00:00:00:00:02", "dev", "lan0", "nud", "permanent");

        await Poll.UntilAsync(() => !Connections(testbed).Contains("sport=41001", StringComparison.Ordinal), "the client's flow deleted");
        Assert.Contains("sport=5353", Connections(testbed), StringComparison.Ordinal);
        Assert.Equal(1, watch.Deleted);
    }

    [Fact]
    public async Task An_address_removed_deletes_the_flows_through_its_device()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var testbed = new FlowTestbed();
        using var watch = Start(testbed);
        testbed.SendUdp(sourcePort: 41002, count: 2, payload: 10);
        InsertLocal(testbed);

        // As when a DHCP lease gives the uplink another address: the old one goes.
        testbed.Router.Exec("ip", "address", "add", "10.2.0.9/24", "dev", "wan0");
        testbed.Router.Exec("ip", "address", "del", "10.2.0.1/24", "dev", "wan0");

        await Poll.UntilAsync(() => !Connections(testbed).Contains("sport=41002", StringComparison.Ordinal), "the flow through wan0 deleted");
        Assert.Contains("sport=5353", Connections(testbed), StringComparison.Ordinal);
        Assert.Equal(1, watch.Deleted);
    }

    private static StaleFlowWatch Start(FlowTestbed testbed)
    {
        // Unreplied UDP entries would time out after 30 s, within the wait: only the watch may delete them.
        testbed.Router.Exec("sysctl", "-qw", "net.netfilter.nf_conntrack_udp_timeout=600");
        var watch = new StaleFlowWatch(testbed.Router.Name, NullLogger<StaleFlowWatch>.Instance);
        watch.Start();
        return watch;
    }

    /// <summary>A connection through no device of the router's (a bystander that must survive).</summary>
    private static void InsertLocal(FlowTestbed testbed) =>
        testbed.Router.Exec("conntrack", "-I", "-p", "udp", "-s", "192.0.2.50", "-d", "192.0.2.51", "--sport", "5353", "--dport", "5353", "-t", "300");

    private static string Connections(FlowTestbed testbed) => testbed.Router.Exec("conntrack", "-L");
}

using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Engine.Flows;
using RouterOS.Engine.Tests.Support;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Tests.Flows;

/// <summary>The flow monitor against the host kernel's conntrack, in fresh namespaces (root only).</summary>
public sealed class FlowMonitorTests
{
    // Long enough that only the first dump, DumpNowAsync and resyncs read the table: events do the rest.
    private static readonly FlowMonitorOptions EventsOnly = new(TimeSpan.FromHours(1));

    [Fact]
    public async Task A_udp_flow_through_the_router_has_exact_counters_and_its_mark()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var testbed = new FlowTestbed();
        using var monitor = Start(testbed.Router.Name, EventsOnly);

        testbed.SendUdp(sourcePort: 40000, count: 10, payload: 100);
        await monitor.DumpNowAsync();

        var flow = Find(monitor, "10.1.0.2", 40000, "10.2.0.2", 9000);
        Assert.Equal(Ctnetlink.ProtocolUdp, flow.Original.Protocol);
        // IP header 20 + UDP header 8 + payload 100, ten times; nothing came back.
        Assert.Equal(new ConntrackCounters(10, 10 * 128), flow.OriginalCounters);
        Assert.Equal(new ConntrackCounters(0, 0), flow.ReplyCounters);
        Assert.Equal(7u, flow.Mark);
        Assert.False(flow.Offloaded);
        Assert.Equal(CounterState.Live, Assert.Single(monitor.Snapshot([flow.Id])).Counters); // no collisions here: the key is the id
    }

    [Fact]
    public async Task A_tcp_flow_is_seen_with_its_state_and_both_directions_counted()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var testbed = new FlowTestbed();
        using var monitor = Start(testbed.Router.Name, EventsOnly);
        using var server = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", testbed.Server.Name, "python3", "-m", "http.server", "--bind", "10.2.0.2", "8080"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            await Poll.UntilAsync(() => testbed.Client.TryExec("curl", "-s", "-m", "2", "-o", "/dev/null", "http://10.2.0.2:8080/"), "the HTTP server to answer");
            await monitor.DumpNowAsync();

            var flow = monitor.Read(table => table.All.Select(f => f.Entry).First(e => e.Original.Protocol == Ctnetlink.ProtocolTcp && e.Original.DestinationPort == 8080));
            Assert.InRange(flow.TcpState, (byte)3, (byte)8); // ESTABLISHED .. CLOSE: the exchange happened
            Assert.True(flow.OriginalCounters!.Value.Packets >= 3 && flow.ReplyCounters!.Value.Bytes > 100, $"{flow}");
        }
        finally
        {
            server.Kill();
        }
    }

    [Fact]
    public async Task Inserted_entries_arrive_by_event_and_leave_by_destroy_event()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var router = new TestNamespace();
        using var monitor = Start(router.Name, EventsOnly);
        await monitor.DumpNowAsync();

        router.Exec("conntrack", "-I", "-p", "tcp", "-s", "192.0.2.1", "-d", "198.51.100.7", "--sport", "40000", "--dport", "443",
            "--state", "ESTABLISHED", "-t", "300", "-u", "SEEN_REPLY,ASSURED", "-m", "42");
        await Poll.UntilAsync(() => monitor.Read(table => table.Count) == 1, "the NEW event");

        var flow = monitor.Read(table => table.All.Single().Entry);
        Assert.Equal(new ConntrackTuple(FlowAddress.Parse("192.0.2.1"), FlowAddress.Parse("198.51.100.7"), 6, 40000, 443), flow.Original);
        Assert.Equal(new ConntrackTuple(FlowAddress.Parse("198.51.100.7"), FlowAddress.Parse("192.0.2.1"), 6, 443, 40000), flow.Reply);
        Assert.Equal(42u, flow.Mark);
        Assert.Equal(3, flow.TcpState);
        Assert.InRange(flow.TimeoutSeconds, 200u, 300u);

        router.Exec("conntrack", "-D", "-p", "tcp", "-s", "192.0.2.1", "--sport", "40000");
        await Poll.UntilAsync(() => monitor.Read(table => table.Count) == 0, "the DESTROY event");
    }

    [Fact]
    public async Task A_killed_flow_is_gone_from_the_kernel_and_the_monitor()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var router = new TestNamespace();
        using var monitor = Start(router.Name, EventsOnly);
        router.Exec("conntrack", "-I", "-p", "udp", "-s", "192.0.2.9", "-d", "198.51.100.9", "--sport", "5000", "--dport", "53", "-t", "300");
        await monitor.DumpNowAsync();
        var id = monitor.Read(table => table.All.Single().Key);

        Assert.Null(await monitor.KillAsync(id));

        Assert.DoesNotContain("192.0.2.9", router.Exec("conntrack", "-L"), StringComparison.Ordinal);
        Assert.Equal(0, monitor.Read(table => table.Count));
        Assert.Equal($"no flow {id}", await monitor.KillAsync(id));
    }

    [Fact]
    public async Task Lost_events_are_followed_by_a_resync_that_matches_the_kernel()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var router = new TestNamespace();
        // A tiny kernel queue and a tiny parsed-event queue: a burst must overflow one of them.
        using var monitor = Start(router.Name, new FlowMonitorOptions(TimeSpan.FromHours(1), EventBufferBytes: 4096, EventQueueLength: 16));
        await monitor.DumpNowAsync();

        ConntrackInserter.InsertUdp(router.Name, 3000);

        await Poll.UntilAsync(() => monitor.EventsLost > 0, "lost events to be noticed");
        await Poll.UntilAsync(() => monitor.Read(table => table.Count) == 3000, "the resync to find every entry");
        Assert.True(monitor.Resyncs > 0);
        Assert.Equal("3000", router.Exec("conntrack", "-C").Trim());
    }

    [Fact]
    public async Task A_subscriber_gets_the_table_then_only_what_changed()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var router = new TestNamespace();
        router.Exec("conntrack", "-I", "-p", "udp", "-s", "192.0.2.1", "-d", "198.51.100.1", "--sport", "1000", "--dport", "53", "-t", "300");
        using var monitor = Start(router.Name, EventsOnly);
        await monitor.DumpNowAsync();
        using var subscription = monitor.Subscribe();
        var cancel = TestContext.Current.CancellationToken;

        var first = await subscription.NextAsync(cancel);
        Assert.True(first.Reset);

        router.Exec("conntrack", "-I", "-p", "udp", "-s", "192.0.2.2", "-d", "198.51.100.1", "--sport", "1000", "--dport", "53", "-t", "300");
        // Its NEW event makes it known; the next dump makes it shown (with what it is by then).
        await Poll.UntilAsync(() => monitor.Read(table => table.Count) == 2, "the NEW event");
        await monitor.DumpNowAsync();
        var added = await NextWithAsync(subscription, pending => pending.Upserted.Count > 0, cancel);
        var id = Assert.Single(added.Upserted);
        Assert.Equal(FlowAddress.Parse("192.0.2.2"), monitor.Read(table => table.Find(id)!.Entry.Original.Source));

        router.Exec("conntrack", "-D", "-s", "192.0.2.2");
        var removed = await NextWithAsync(subscription, pending => pending.Removed.Count > 0, cancel);
        Assert.Equal([id], removed.Removed);
    }

    private static FlowMonitor Start(string namespaceName, FlowMonitorOptions options)
    {
        var monitor = new FlowMonitor(namespaceName, options, TimeProvider.System, NullLogger<FlowMonitor>.Instance, () => null);
        monitor.Start();
        return monitor;
    }

    private static ConntrackEntry Find(FlowMonitor monitor, string source, ushort sourcePort, string destination, ushort destinationPort)
    {
        var wanted = (FlowAddress.Parse(source), sourcePort, FlowAddress.Parse(destination), destinationPort);
        var found = monitor.Read(table => table.All.Select(flow => flow.Entry)
            .Where(e => (e.Original.Source, e.Original.SourcePort, e.Original.Destination, e.Original.DestinationPort) == wanted).ToList());
        return Assert.Single(found);
    }

    private static async Task<PendingFlows> NextWithAsync(FlowSubscription subscription, Func<PendingFlows, bool> wanted, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var pending = await subscription.NextAsync(deadline.Token);
            if (wanted(pending))
            {
                return pending;
            }
        }
    }
}

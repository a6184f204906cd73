using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Contracts.Engine;
using RouterOS.Engine.Flows;
using RouterOS.Engine.Grpc;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Flows;

/// <summary>
/// What the engine says of real flows against `conntrack -L` of the same flows (root only): the
/// live timeout, the TCP state and counters, ICMP's type, code and id, as the contract carries them.
/// </summary>
public sealed class ConntrackListTests
{
    private const int HeldPort = 7000;

    // Only DumpNowAsync and the first dump read the table: what a test sees between dumps is the events'.
    private static readonly FlowMonitorOptions EventsOnly = new(TimeSpan.FromHours(1));

    [Fact]
    public async Task Timeouts_states_counters_and_icmp_match_conntrack_list()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var testbed = new FlowTestbed();
        using var monitor = Start(testbed.Router.Name);
        using var held = HeldTcp.Open(testbed);
        testbed.Client.Exec("busybox", "ping", "-c", "2", "10.2.0.2");
        testbed.SendUdp(sourcePort: 40001, count: 3, payload: 50);
        await Poll.UntilAsync(() => List(testbed).Any(line => line.Protocol == "tcp" && line.State == "established"), "the held TCP connection established");

        await monitor.DumpNowAsync();
        var listed = List(testbed);
        var listedAt = DateTimeOffset.UtcNow;
        var flows = monitor.Snapshot().ToDictionary(flow => flow.Entry.Id, flow => FlowMessages.ToContract(flow));

        Assert.Equal(3, listed.Count);
        foreach (var line in listed)
        {
            var flow = flows[line.Id];
            Assert.Equal(line.Protocol, flow.ProtocolName);
            // The timeout counts down: the engine's expiry, read against the clock now, says what conntrack -L said.
            var live = (flow.Expires.ToDateTimeOffset() - listedAt).TotalSeconds;
            Assert.InRange(live, line.Timeout - 2, line.Timeout + 2);
            Assert.Equal(line.State ?? "", flow.TcpState);
            Assert.Equal((line.Original.Packets, line.Original.Bytes, line.Reply.Packets, line.Reply.Bytes),
                (flow.Original.Packets, flow.Original.Bytes, flow.Reply.Packets, flow.Reply.Bytes));
            Assert.Equal(line.Original.Icmp, flow.Original.Icmp is { } original ? (original.Type, original.Code, original.Id) : null);
            Assert.Equal(line.Reply.Icmp, flow.Reply.Icmp is { } reply ? (reply.Type, reply.Code, reply.Id) : null);
        }
        Assert.Contains(listed, line => line.Original.Icmp is (8, 0, _) && line.Reply.Icmp is (0, 0, _));
    }

    [Fact]
    public async Task A_flow_is_first_shown_as_a_dump_reads_it_not_as_its_new_event_was()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var testbed = new FlowTestbed();
        using var monitor = Start(testbed.Router.Name);
        await monitor.DumpNowAsync();
        using var subscription = monitor.Subscribe();
        var cancel = TestContext.Current.CancellationToken;
        _ = await subscription.NextAsync(cancel);
        using var held = HeldTcp.Open(testbed);

        // Its NEW event (syn_sent, no counters) asks for an early dump: what subscribers first hear of is the dump's reading.
        Flow? shown = null;
        while (shown is null)
        {
            var pending = await subscription.NextAsync(cancel);
            shown = monitor.Snapshot(pending.Upserted).Where(flow => flow.Entry.Original.DestinationPort == HeldPort).Select(flow => FlowMessages.ToContract(flow)).FirstOrDefault();
        }
        Assert.Equal(("established", "live"), (shown.TcpState, shown.Counters));
        Assert.True(shown.Original.Packets >= 2, $"{shown}");

        await Poll.UntilAsync(() => List(testbed).Any(line => line.Protocol == "tcp" && line.State == "established"), "the held TCP connection established");
        await monitor.DumpNowAsync();
        var line = List(testbed).Single(line => line.Protocol == "tcp");
        var now = FlowMessages.ToContract(monitor.Snapshot().Single(flow => flow.Entry.Original.DestinationPort == HeldPort));
        Assert.Equal((line.Original.Packets, line.Original.Bytes), (now.Original.Packets, now.Original.Bytes));
    }

    [Fact]
    public async Task An_icmp_flow_can_be_killed()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var testbed = new FlowTestbed();
        using var monitor = Start(testbed.Router.Name);
        testbed.Client.Exec("busybox", "ping", "-c", "1", "10.2.0.2");
        await monitor.DumpNowAsync();
        var icmp = monitor.Snapshot().Single(flow => flow.Entry.Original.Protocol == 1);

        // Found by type, code and id: without them the kernel cannot find an ICMP entry.
        Assert.Null(await monitor.KillAsync(icmp.Key));
        Assert.DoesNotContain(List(testbed), line => line.Protocol == "icmp");
    }

    private static FlowMonitor Start(string namespaceName)
    {
        var monitor = new FlowMonitor(namespaceName, EventsOnly, TimeProvider.System, NullLogger<FlowMonitor>.Instance, () => null);
        monitor.Start();
        return monitor;
    }

    private static List<ListedFlow> List(FlowTestbed testbed) =>
        [.. testbed.Router.Exec("conntrack", "-L", "-o", "id").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ListedFlow.Parse)];

    /// <summary>One line of `conntrack -L -o id`: "tcp 6 431999 ESTABLISHED src=.. dst=.. sport=.. dport=.. packets=.. bytes=.. src=.. ... id=N".</summary>
    private sealed record ListedFlow(string Protocol, int Timeout, string? State, ListedDirection Original, ListedDirection Reply, uint Id)
    {
        public static ListedFlow Parse(string line)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var pairs = fields.Where(field => field.Contains('=', StringComparison.Ordinal)).Select(field => field.Split('=', 2)).ToList();
            var replyStart = pairs.FindIndex(1, pair => pair[0] == "src");
            var state = fields[3].Contains('=', StringComparison.Ordinal) ? null : fields[3].ToLowerInvariant();
            return new ListedFlow(fields[0], int.Parse(fields[2], CultureInfo.InvariantCulture), state,
                ListedDirection.From(pairs[..replyStart]), ListedDirection.From(pairs[replyStart..]), uint.Parse(pairs.Last(pair => pair[0] == "id")[1], CultureInfo.InvariantCulture));
        }
    }

    private sealed record ListedDirection(ulong Packets, ulong Bytes, (uint Type, uint Code, uint Id)? Icmp)
    {
        public static ListedDirection From(List<string[]> pairs)
        {
            uint? Value(string key) => pairs.FirstOrDefault(pair => pair[0] == key) is { } pair ? uint.Parse(pair[1], CultureInfo.InvariantCulture) : null;
            var icmp = Value("type") is { } type ? (type, Value("code") ?? 0, Value("id") ?? 0) : ((uint, uint, uint)?)null;
            return new ListedDirection(Value("packets") ?? 0, Value("bytes") ?? 0, icmp);
        }
    }

    /// <summary>A TCP connection from the client to the server that stays established, idle, until disposed.</summary>
    private sealed class HeldTcp(Process server, Process client) : IDisposable
    {
        public static HeldTcp Open(FlowTestbed testbed)
        {
            var server = Background(testbed.Server.Name,
                $"import socket, time; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('10.2.0.2', {HeldPort})); s.listen(); c, _ = s.accept(); c.recv(1); time.sleep(120)");
            var client = Background(testbed.Client.Name,
                $"import socket, time\nwhile True:\n  try:\n    c = socket.create_connection(('10.2.0.2', {HeldPort})); break\n  except OSError: time.sleep(0.1)\nc.sendall(b'x'); time.sleep(120)");
            return new HeldTcp(server, client);
        }

        public void Dispose()
        {
            foreach (var process in new[] { client, server })
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
            }
        }

        private static Process Background(string ns, string script) =>
            Process.Start(new ProcessStartInfo("ip", ["netns", "exec", ns, "python3", "-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    }
}

using System.Diagnostics;
using System.Globalization;
using RouterOS.Contracts.Engine;
using static RouterOS.KernelScenarios.Scenarios;

namespace RouterOS.KernelScenarios;

/// <summary>
/// Issue 22: port-forwarded connections are ordinary forwarded flows. A TCP transfer from the
/// upstream through a port forward, and one from a LAN client through hairpin, each offloaded,
/// its content echoed and compared both ways, its counters matching what was sent, and the
/// engine showing the outside and the inside address.
/// </summary>
internal static class FirewallScenarios
{
    private const string InsideHost = "192.168.1.3";
    private const string RouterOutside = "203.0.113.2";
    private const int OutsidePort = 8022;
    private const int InsidePort = 7022;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("21 port forward: a TCP transfer from the upstream to a LAN server is offloaded, echoed intact both ways, counted, shown outside and inside", PortForwardAsync),
        new("22 hairpin: a LAN client's transfer to the outside address reaches the LAN server, offloaded and intact", HairpinAsync),
    ];

    /// <summary>
    /// LAN on br-lan over lan0 (the client 192.168.1.2) and lan1 (the server 192.168.1.3), WAN on
    /// wan0; a flowtable with counters over both; TCP 8022 from wan forwarded to the server's 7022.
    /// </summary>
    private const string Router = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "lan1" }, { "name": "wan0" } ],
          "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan0" }, { "name": "lan1" } ] } ],
          "addresses": [ { "device": "br-lan", "address": "192.168.1.1/24" }, { "device": "wan0", "address": "203.0.113.2/24" } ],
          "flowtables": [ { "name": "ft", "devices": [ "br-lan", "wan0" ], "counter": true } ],
          "offloadPolicy": [ { "name": "all", "action": "offload", "flowtable": "ft" } ],
          "firewall": {
            "zones": [ { "name": "lan", "interfaces": [ "br-lan" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ], "masquerade": true } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ],
            "portForwards": [ { "name": "echo", "from": "wan", "protocol": "tcp", "outsidePort": 8022, "insideHost": "192.168.1.3", "insidePort": 7022 } ]
          }
        }
        """;

    private static async Task PortForwardAsync(Engine engine)
    {
        using var server = await UseForwardAsync(engine);
        var transfer = EchoAsync(Lab.Server, seconds: 8);
        await Poll.UntilAsync(() => Traffic.Offloaded(Forwarded()), "the port-forwarded flow [OFFLOAD] in conntrack", Connections);
        var flow = await Poll.UntilAsync(() => engine.FindFlow(flow => flow.Original.Destination.Port == OutsidePort && flow.Offload == "software"),
            "the engine to report the port-forwarded flow offloaded", engine.FlowsText);
        Expect(flow.DestinationNat && flow.Original.Destination.Address == RouterOutside && flow.Reply.Source.Address == InsideHost && flow.Reply.Source.Port == InsidePort,
            $"the flow shown as {RouterOutside}:{OutsidePort} translated to {InsideHost}:{InsidePort}", flow.ToString());
        var echo = await transfer;
        ExpectIntact(echo);
        ExpectCounted(echo, Forwarded());
        var counters = await engine.Client.ListRuleCountersAsync(new ListRuleCountersRequest());
        var forward = counters.Counters.FirstOrDefault(counter => counter.Path == "firewall.portForwards[echo]");
        Expect(forward is { Packets: 1 }, "the forward's counter at one connection", counters.ToString());
    }

    private static async Task HairpinAsync(Engine engine)
    {
        using var server = await UseForwardAsync(engine);
        var transfer = EchoAsync(Lab.Client, seconds: 8);
        await Poll.UntilAsync(() => Traffic.Offloaded(Forwarded()), "the hairpinned flow [OFFLOAD] in conntrack", Connections);
        var flow = await Poll.UntilAsync(() => engine.FindFlow(flow => flow.Original.Destination.Port == OutsidePort && flow.Offload == "software"),
            "the engine to report the hairpinned flow offloaded", engine.FlowsText);
        // Hairpin: the server answers the router (masquerade), so the client's own address never reaches it.
        Expect(flow.DestinationNat && flow.SourceNat && flow.Reply.Source.Address == InsideHost && flow.Reply.Destination.Address == "192.168.1.1",
            "the flow translated to the server and from the router", flow.ToString());
        var echo = await transfer;
        ExpectIntact(echo);
        ExpectCounted(echo, Forwarded());
    }

    /// <summary>The router as above, the client and the server addressed on the LAN, the echo server running on the server.</summary>
    private static async Task<RunningProcess> UseForwardAsync(Engine engine)
    {
        Lab.UseLanClient();
        Lab.RemoveVlans(Lab.Host1);
        Lab.Address(Lab.Host1, "eth0", $"{InsideHost}/24", "192.168.1.1");
        await engine.ApplyOrFailAsync(Router);
        FlushFlows();
        var server = new RunningProcess(Process.Start(new ProcessStartInfo("ip", ["netns", "exec", Lab.Host1, "python3", "-c", EchoServer]) { RedirectStandardOutput = true, RedirectStandardError = true })!);
        await Poll.UntilAsync(() => Lab.In(Lab.Host1, "ss", "-ltn").Contains($":{InsidePort} ", StringComparison.Ordinal) ? "listening" : null,
            "the echo server listening", () => Lab.In(Lab.Host1, "ss", "-ltn"));
        return server;
    }

    /// <summary>A background process killed (with its children) when the scenario ends, pass or fail.</summary>
    private sealed class RunningProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited already.
            }
            process.Dispose();
        }
    }

    /// <summary>What the echo client reports: the SHA-256 of what it sent and of what came back, and the bytes each way.</summary>
    private sealed record Echo(string SentHash, string ReceivedHash, long SentBytes, long ReceivedBytes);

    /// <summary>
    /// Sends pseudo-random data to the router's outside port for <paramref name="seconds"/> while
    /// reading the echo back, then hashes both: any byte lost, changed or reordered on either way shows.
    /// </summary>
    private static Task<Echo> EchoAsync(string from, int seconds) => Task.Run(async () =>
    {
        var script = $"""
            import hashlib, random, socket, threading, time
            c = socket.create_connection(('{RouterOutside}', {OutsidePort}), 10)
            got, received = hashlib.sha256(), [0]
            def read():
                while True:
                    chunk = c.recv(65536)
                    if not chunk:
                        return
                    got.update(chunk); received[0] += len(chunk)
            reader = threading.Thread(target=read); reader.start()
            sent, total, source, end = hashlib.sha256(), 0, random.Random(22), time.time() + {seconds}
            while time.time() < end:
                chunk = source.randbytes(65536)
                c.sendall(chunk); sent.update(chunk); total += len(chunk)
            c.shutdown(socket.SHUT_WR); reader.join()
            print(sent.hexdigest(), got.hexdigest(), total, received[0])
            """;
        var result = await Task.Run(() => Shell.Execute("ip", "netns", "exec", from, "python3", "-c", script));
        var parts = result.Output.Trim().Split(' ');
        if (result.ExitCode != 0 || parts.Length != 4)
            throw new ScenarioFailure($"the echo transfer from {from} failed: {result.Output}");
        return new Echo(parts[0], parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    });

    private static void ExpectIntact(Echo echo) =>
        Expect(echo.SentBytes > 1_000_000 && echo.SentHash == echo.ReceivedHash && echo.SentBytes == echo.ReceivedBytes,
            "over a megabyte echoed back byte for byte", echo.ToString());

    /// <summary>With the flowtable's counter on, conntrack counts the offloaded bytes too: within 10% of the payload (headers add a few percent).</summary>
    private static void ExpectCounted(Echo echo, string? entry)
    {
        var counted = Traffic.OriginalBytes(entry ?? "");
        Expect(counted >= echo.SentBytes && counted - echo.SentBytes <= echo.SentBytes / 10,
            "conntrack's bytes for the forwarded direction within 10% above what was sent", $"sent {echo.SentBytes}, conntrack {counted}: {entry}");
    }

    private static string? Forwarded() => Traffic.Entries("tcp", OutsidePort).FirstOrDefault(line => line.Contains($"dport={OutsidePort} ", StringComparison.Ordinal));

    private static string Connections() => string.Join('\n', Traffic.Entries("tcp", OutsidePort));

    private static readonly string EchoServer = $"""
        import socket, threading
        s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(('0.0.0.0', {InsidePort})); s.listen(8)
        def serve(c):
            while True:
                chunk = c.recv(65536)
                if not chunk:
                    break
                c.sendall(chunk)
            c.close()
        while True:
            c, _ = s.accept()
            threading.Thread(target=serve, args=(c,), daemon=True).start()
        """;
}

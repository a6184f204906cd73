using System.Diagnostics;
using System.Globalization;
using static RouterOS.KernelScenarios.Scenarios;

namespace RouterOS.KernelScenarios;

/// <summary>
/// IPv6 through the router on the full kernel: the flowtable takes IPv6 flows as it takes IPv4
/// ones (nf_flowtable.rst: "IPv4 and IPv6"), counted with counter on; what crosses the fast path
/// arrives intact both ways; and a packet too big for the uplink is answered with ICMPv6 packet
/// too big (IPv6 routers never fragment), so the sender's path MTU drops. No NAT: the LAN's
/// addresses are routed, the upstream routes the LAN's /64 back to the router.
/// </summary>
internal static class Ipv6Scenarios
{
    public const string ServerAddress = "2001:db8:ff::1";
    private const string ClientAddress = "2001:db8:1::2";
    private const int ContentBytes = 2 * 1024 * 1024;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("60 IPv6: a TCP transfer [OFFLOAD] in the kernel and the engine, counted with counter on", OffloadAsync),
        new("61 IPv6: 2 MB through the fast path arrive intact, upstream and down", ContentAsync),
        new("62 IPv6: a packet too big for the uplink gets packet-too-big back, and the client's path MTU drops to the uplink's", PathMtuAsync),
    ];

    /// <summary>The IPv4 router of Configs.Router with an IPv6 /64 on the LAN and an address on the uplink's link; wan0's MTU as given.</summary>
    private static string Router(int wanMtu = 1500) => $$"""
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "wan0", "mtu": {{wanMtu}} } ],
          "addresses": [
            { "device": "lan0", "address": "192.168.1.1/24" }, { "device": "lan0", "address": "2001:db8:1::1/64" },
            { "device": "wan0", "address": "203.0.113.2/24" }, { "device": "wan0", "address": "2001:db8:ff::2/64" } ],
          "routes": [ { "destination": "::/0", "gateway": "2001:db8:ff::1" } ],
          "flowtables": [ { "name": "ft", "devices": [ "lan0", "wan0" ], "counter": true } ],
          "offloadPolicy": {{Configs.OffloadAll}},
          "firewall": {
            "zones": [ { "name": "lan", "interfaces": [ "lan0" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ], "masquerade": true } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
          }
        }
        """;

    /// <summary>The router as given, the client and the upstream numbered in IPv6 too, and the client reaching the upstream over IPv6.</summary>
    private static async Task UseIpv6Async(Engine engine, string config, int serverMtu = 1500)
    {
        await UseLanAsync(engine, config);
        Lab.In(Lab.Client, "ip", "-6", "address", "replace", $"{ClientAddress}/64", "dev", "eth0", "nodad");
        Lab.In(Lab.Client, "ip", "-6", "route", "replace", "default", "via", "2001:db8:1::1");
        Lab.In(Lab.Server, "ip", "link", "set", "eth0", "mtu", serverMtu.ToString(CultureInfo.InvariantCulture));
        Lab.In(Lab.Server, "ip", "-6", "address", "replace", $"{ServerAddress}/64", "dev", "eth0", "nodad");
        Lab.In(Lab.Server, "ip", "-6", "route", "replace", "2001:db8:1::/64", "via", "2001:db8:ff::2");
        await Poll.UntilAsync(() => Lab.Ping(Lab.Client, ServerAddress), "the client to reach the upstream over IPv6", Lab.Diagnostics);
    }

    private static async Task OffloadAsync(Engine engine)
    {
        await UseIpv6Async(engine, Router());
        var transfer = Traffic.IperfAsync(Lab.Client, Traffic.OffloadedPort, seconds: 6, to: ServerAddress);
        await Poll.UntilAsync(() => Traffic.Offloaded(Traffic.Busiest("tcp", Traffic.OffloadedPort, "ipv6")), "the IPv6 TCP flow [OFFLOAD] in conntrack",
            () => string.Join('\n', Traffic.Entries("tcp", Traffic.OffloadedPort, "ipv6")));
        await Poll.UntilAsync(() => engine.FindFlow(flow => flow.Family == "ipv6" && flow.Original.Destination.Address == ServerAddress
                && flow.Original.Destination.Port == Traffic.OffloadedPort && flow.Offload == "software" && flow.Counters == "live"),
            "the engine to report the IPv6 flow offloaded (software) with live counters", engine.FlowsText);
        var report = await transfer;
        var sent = Traffic.SentBytes(report);
        var counted = Traffic.OriginalBytes(Traffic.Busiest("tcp", Traffic.OffloadedPort, "ipv6") ?? "");
        Expect(Math.Abs(counted - sent) <= sent / 10, "conntrack's bytes within 10% of what iperf3 sent over IPv6 (counter on)", $"iperf3 {sent}, conntrack {counted}");
    }

    /// <summary>
    /// 2 MB of random bytes sent each way through the offloaded path, paced over some six seconds;
    /// the bytes that arrive are compared with those sent.
    /// </summary>
    private static async Task ContentAsync(Engine engine)
    {
        await UseIpv6Async(engine, Router());
        await ContentBothWaysAsync();
    }

    private static async Task ContentBothWaysAsync()
    {
        var directory = Directory.CreateTempSubdirectory("ros-ipv6-content-").FullName;
        try
        {
            var upload = Path.Combine(directory, "up");
            var download = Path.Combine(directory, "down");
            File.WriteAllBytes(upload, System.Security.Cryptography.RandomNumberGenerator.GetBytes(ContentBytes));
            File.WriteAllBytes(download, System.Security.Cryptography.RandomNumberGenerator.GetBytes(ContentBytes));

            // Both connections are the client's: the firewall lets nothing from the upstream open one to the LAN.
            // Upstream: the client connects and sends, the server keeps what it receives.
            await TransferAsync(Lab.Server, $"serve_receive('{upload}.got')", Lab.Client, $"connect_send('{upload}', '{ServerAddress}')");
            Expect(File.ReadAllBytes(upload).AsSpan().SequenceEqual(File.ReadAllBytes(upload + ".got")), "the 2 MB sent upstream to arrive unchanged", Describe(upload + ".got"));
            // Downstream: the client connects, the server sends, the client keeps what it receives.
            await TransferAsync(Lab.Server, $"serve_send('{download}')", Lab.Client, $"connect_receive('{download}.got', '{ServerAddress}')");
            Expect(File.ReadAllBytes(download).AsSpan().SequenceEqual(File.ReadAllBytes(download + ".got")), "the 2 MB sent downstream to arrive unchanged", Describe(download + ".got"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Describe(string path) => File.Exists(path) ? $"{new FileInfo(path).Length} bytes, not the same" : "nothing";

    /// <summary>
    /// A listening side in <paramref name="server"/> running <paramref name="serve"/>, and a
    /// connecting side in <paramref name="client"/> running <paramref name="connect"/> (python3: the
    /// guest has the host's tools); the router's classic path must see almost none of the bytes.
    /// </summary>
    private static async Task TransferAsync(string server, string serve, string client, string connect)
    {
        const string Code = """
            import socket, sys, time
            PORT = 5301
            def accept():
                server = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
                server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                server.bind(("::", PORT)); server.listen(1)
                server.settimeout(120)
                connection, _ = server.accept()
                return connection
            def connect(address):
                for attempt in range(100):
                    try:
                        return socket.create_connection((address, PORT), timeout=5)
                    except OSError:
                        time.sleep(0.2)
                sys.exit("no connection to " + address)
            def receive(connection, path):
                connection.settimeout(120)
                with open(path, "wb") as out:
                    while True:
                        data = connection.recv(65536)
                        if not data: break
                        out.write(data)
            def send(connection, path):
                # Paced over some six seconds: the flow is offloaded while it carries the bytes.
                with open(path, "rb") as source:
                    while True:
                        chunk = source.read(32768)
                        if not chunk: break
                        connection.sendall(chunk)
                        time.sleep(0.1)
                connection.close()
            def serve_receive(path): receive(accept(), path)
            def serve_send(path): send(accept(), path)
            def connect_send(path, address): send(connect(address), path)
            def connect_receive(path, address): receive(connect(address), path)
            """;
        var classicBefore = Traffic.ClassicPathPackets();
        using var listening = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", server, "python3", "-c", $"{Code}\n{serve}\n"]) { RedirectStandardError = true })!;
        using var connecting = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", client, "python3", "-c", $"{Code}\n{connect}\n"]) { RedirectStandardError = true })!;
        try
        {
            // Each side gives up by itself within two minutes (its socket timeouts); this is the backstop.
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try
            {
                await connecting.WaitForExitAsync(deadline.Token);
                await listening.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new ScenarioFailure("expected the 2 MB transfer to finish within 3 minutes; it did not");
            }
            Expect(connecting.ExitCode == 0 && listening.ExitCode == 0, "both ends of the transfer to finish cleanly",
                $"{connecting.StandardError.ReadToEnd()} {listening.StandardError.ReadToEnd()}");
            // On the classic path 2 MB is some 1,400 full-size packets, each counted in the forward
            // chain; offloaded, only the handshake and stragglers are. Timing-proof, unlike catching
            // the short-lived [OFFLOAD] flag in conntrack on an emulated guest.
            var classic = Traffic.ClassicPathPackets() - classicBefore;
            Expect(classic < ContentBytes / 1400 / 10, "the 2 MB to cross the router on the fast path (under 10% of its packets through the forward chain)",
                $"{classic} packets through the classic path");
        }
        finally
        {
            foreach (var process in new[] { connecting, listening })
            {
                if (!process.HasExited)
                    process.Kill();
            }
        }
    }

    /// <summary>
    /// wan0 (and the upstream's link) at 1400: a 1452-byte ping from the client (MTU 1500) cannot
    /// go on; the router answers packet-too-big, and the client's kernel lowers its path MTU to
    /// the upstream to 1400, where a ping of that size gets through.
    /// </summary>
    private static async Task PathMtuAsync(Engine engine)
    {
        await UseIpv6Async(engine, Router(wanMtu: 1400), serverMtu: 1400);
        Lab.In(Lab.Client, "ip", "-6", "route", "flush", "cache");
        // ping -s 1404: 1404 + 8 (ICMPv6) + 40 (IPv6) = 1452 bytes: within the client's link, too big for
        // the uplink. IPv6 routers never fragment, so this one is dropped and answered.
        Lab.TryIn(Lab.Client, "busybox", "ping", "-c", "1", "-W", "2", "-s", "1404", ServerAddress);
        await Poll.UntilAsync(() => Lab.In(Lab.Client, "ip", "-6", "route", "get", ServerAddress).Contains("mtu 1400", StringComparison.Ordinal),
            "the client's path MTU to the upstream lowered to 1400 by the router's packet-too-big",
            () => Lab.In(Lab.Client, "ip", "-6", "route", "get", ServerAddress) + Lab.Diagnostics());
        Expect(Lab.TryIn(Lab.Client, "busybox", "ping", "-c", "1", "-W", "2", "-s", "1352", ServerAddress), "a ping that fits 1400 to get through", Lab.Diagnostics());
    }
}

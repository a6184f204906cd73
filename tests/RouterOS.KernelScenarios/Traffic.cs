using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RouterOS.KernelScenarios;

/// <summary>Real traffic between the lab's namespaces, and what the router's kernel says about it.</summary>
internal static partial class Traffic
{
    public const int OffloadedPort = 5201;
    public const int ExcludedPort = 5202;

    private static readonly string[] UdpArguments = ["-u", "-b", "20M"];

    /// <summary>iperf3 servers on the upstream, one per port, for the whole boot.</summary>
    public static void StartServers()
    {
        foreach (var port in new[] { OffloadedPort, ExcludedPort })
        {
            Lab.In(Lab.Server, "iperf3", "-s", "-D", "-p", port.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>An iperf3 run from <paramref name="from"/> to the upstream; completes with iperf3's JSON report.</summary>
    /// <param name="to">The upstream's address to reach: its IPv4 one unless given (its IPv6 one, say).</param>
    public static Task<JsonNode> IperfAsync(string from, int port, int seconds, bool udp = false, string? to = null)
    {
        var start = new ProcessStartInfo("ip", ["netns", "exec", from, "iperf3", "-c", to ?? Lab.ServerAddress, "-p", port.ToString(CultureInfo.InvariantCulture),
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-J", "--connect-timeout", "5000", .. udp ? UdpArguments : []])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Task.Run(async () =>
        {
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var report = JsonNode.Parse(output) ?? throw new ScenarioFailure("iperf3 printed no report");
            if (process.ExitCode != 0 || report["error"] is { } error)
            {
                throw new ScenarioFailure($"iperf3 to port {port} failed: {report["error"] ?? process.ExitCode.ToString(CultureInfo.InvariantCulture)}");
            }
            return report;
        });
    }

    /// <summary>Payload bytes iperf3 sent (TCP) or its datagrams carried (UDP).</summary>
    public static long SentBytes(JsonNode report) => report["end"]!["sum_sent"]?["bytes"]?.GetValue<long>() ?? report["end"]!["sum"]!["bytes"]!.GetValue<long>();

    /// <summary>The router's conntrack lines for flows to the upstream on <paramref name="port"/>.</summary>
    public static IReadOnlyList<string> Entries(string protocol, int port, string family = "ipv4") =>
        [.. Shell.Execute("ip", "netns", "exec", Lab.Router, "conntrack", "-L", "-f", family, "-p", protocol, "--dport", port.ToString(CultureInfo.InvariantCulture)).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The busiest such entry (iperf3 opens a control connection beside the data one).</summary>
    public static string? Busiest(string protocol, int port, string family = "ipv4") => Entries(protocol, port, family).OrderByDescending(OriginalBytes).FirstOrDefault();

    public static long OriginalBytes(string entry) => BytesPattern().Match(entry) is { Success: true } match ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    public static bool Offloaded(string? entry) => entry?.Contains("[OFFLOAD]", StringComparison.Ordinal) == true || entry?.Contains("[HW_OFFLOAD]", StringComparison.Ordinal) == true;

    /// <summary>Bytes the router has sent out of <paramref name="device"/>: the fast path transmits through the
    /// device too, so this counts what a flow carried even while conntrack's counters are frozen.</summary>
    public static long TransmittedBytes(string device) =>
        long.Parse(Lab.In(Lab.Router, "cat", $"/sys/class/net/{device}/statistics/tx_bytes").Trim(), CultureInfo.InvariantCulture);

    /// <summary>Waits until the router has forwarded <paramref name="bytes"/> more out of its uplink: a measuring
    /// window defined by traffic, not by time, so a slow guest only makes the window take longer.</summary>
    public static async Task ForwardedAsync(long bytes)
    {
        var start = TransmittedBytes("wan0");
        await Poll.UntilAsync(() => TransmittedBytes("wan0") - start >= bytes, $"{bytes} more bytes out of wan0",
            () => $"{TransmittedBytes("wan0") - start} bytes since the window opened");
    }

    /// <summary>Packets the forward chain's classic-path counter has seen.</summary>
    public static long ClassicPathPackets()
    {
        var chain = Lab.In(Lab.Router, "nft", "list", "chain", "inet", "routeros", "forward");
        var match = ClassicPattern().Match(chain);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new ScenarioFailure($"expected the classic-path counter in the forward chain; saw:\n{chain}");
    }

    [GeneratedRegex(@"bytes=(\d+)")]
    private static partial Regex BytesPattern();

    [GeneratedRegex(@"counter packets (\d+) bytes \d+ comment ""classic path""")]
    private static partial Regex ClassicPattern();
}

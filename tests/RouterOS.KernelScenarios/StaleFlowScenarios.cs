using System.Globalization;
using System.Text.RegularExpressions;
using static RouterOS.KernelScenarios.Scenarios;

namespace RouterOS.KernelScenarios;

/// <summary>
/// Issue 18: a change under an offloaded flow (a link down, a neighbour's new MAC, a new uplink
/// address, a host moving to another bridge port) makes the engine delete its conntrack entry,
/// so its stale flowtable entry goes too. Each proves the deletion was the engine's: the flow's
/// entry is destroyed (conntrack's DESTROY event of its id) and the engine's log names the change.
/// </summary>
internal static class StaleFlowScenarios
{
    private const string MovingMac = "02:00:00:00:bb:01";

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("16 stale fast path: wan0 loses its carrier -> the offloaded flow through it deleted by the engine", LinkDownAsync),
        new("17 stale fast path: the LAN client's MAC changes -> its offloaded flow deleted by the engine", NeighbourMacAsync),
        new("18 stale fast path: the uplink's address changes (as a new DHCP lease does; no masquerade) -> flows through it deleted by the engine", AddressChangeAsync),
        new("19 stale fast path: a host moves to another bridge port -> its offloaded flow deleted by the engine, reachable on the new port", BridgeMoveAsync),
    ];

    private static async Task LinkDownAsync(Engine engine)
    {
        await UseLanAsync(engine, Configs.Router());
        var port = await ServeOnceAsync(5211);
        using var transfer = Shell.Start("ip", "netns", "exec", Lab.Client, "iperf3", "-c", Lab.ServerAddress, "-p", port, "-t", "60");
        var id = await OffloadedAsync(port);
        using var destroyed = await DestroyEvents.StartAsync();
        Lab.In(Lab.Server, "ip", "link", "set", "eth0", "down");
        try
        {
            await GoneAsync(engine, destroyed, id, "link wan0 went down");
        }
        finally
        {
            transfer.Kill(entireProcessTree: true);
            Lab.In(Lab.Server, "ip", "link", "set", "eth0", "up");
        }
        await Poll.UntilAsync(() => Lab.Ping(Lab.Client, Lab.ServerAddress), "the client to reach the upstream once wan0 is back", Lab.Diagnostics);
    }

    private static async Task NeighbourMacAsync(Engine engine)
    {
        await UseLanAsync(engine, Configs.Router());
        var port = await ServeOnceAsync(5212);
        using var transfer = Shell.Start("ip", "netns", "exec", Lab.Client, "iperf3", "-c", Lab.ServerAddress, "-p", port, "-t", "60");
        var id = await OffloadedAsync(port);
        using var destroyed = await DestroyEvents.StartAsync();
        var original = Lab.In(Lab.Client, "cat", "/sys/class/net/eth0/address").Trim();
        // The client's card is swapped: a new MAC, announced as its ARP would announce it to the router.
        Lab.In(Lab.Client, "ip", "link", "set", "eth0", "address", "02:00:00:00:aa:01");
        Lab.In(Lab.Router, "ip", "neigh", "replace", "192.168.1.2", "lladdr", "02:00:00:00:aa:01", "dev", "lan0", "nud", "reachable");
        try
        {
            await GoneAsync(engine, destroyed, id, "neighbour 192.168.1.2 on lan0 changed its MAC");
        }
        finally
        {
            transfer.Kill(entireProcessTree: true);
        }
        await Poll.UntilAsync(() => Lab.Ping(Lab.Client, Lab.ServerAddress), "the client to reach the upstream with its new MAC", Lab.Diagnostics);
        Lab.In(Lab.Client, "ip", "link", "set", "eth0", "address", original);
        Lab.In(Lab.Router, "ip", "neigh", "flush", "dev", "lan0");
    }

    private static async Task AddressChangeAsync(Engine engine)
    {
        // Without masquerade the kernel deletes nothing when the address goes: what goes, the engine deleted.
        // The upstream routes the LAN back before the client's first ping (no masquerade).
        Lab.In(Lab.Server, "ip", "route", "replace", "192.168.1.0/24", "via", "203.0.113.2");
        await UseLanAsync(engine, Configs.Router(masquerade: false));
        var port = await ServeOnceAsync(5213);
        using var transfer = Shell.Start("ip", "netns", "exec", Lab.Client, "iperf3", "-c", Lab.ServerAddress, "-p", port, "-t", "60");
        try
        {
            var id = await OffloadedAsync(port);
            using var destroyed = await DestroyEvents.StartAsync();
            await engine.ApplyOrFailAsync(Configs.Router(masquerade: false, wanAddress: "203.0.113.3/24"));
            await GoneAsync(engine, destroyed, id, "address 203.0.113.2/24 was removed from wan0");
        }
        finally
        {
            transfer.Kill(entireProcessTree: true);
            Lab.In(Lab.Server, "ip", "route", "del", "192.168.1.0/24");
        }
    }

    private static async Task BridgeMoveAsync(Engine engine)
    {
        // The host is 192.168.1.50 behind lan1 (vh1), and moves to lan2 (vh2) keeping its MAC and address.
        Lab.In(Lab.Host2, "ip", "address", "flush", "dev", "eth0");
        Lab.In(Lab.Host1, "ip", "link", "set", "eth0", "address", MovingMac);
        Lab.Address(Lab.Host1, "eth0", "192.168.1.50/24", "192.168.1.1");
        await engine.ApplyOrFailAsync(BridgeRouter);
        FlushFlows();
        await Poll.UntilAsync(() => Lab.Ping(Lab.Host1, Lab.ServerAddress), "host 1 to reach the upstream through br-lan", Lab.Diagnostics);
        var port = await ServeOnceAsync(5214);
        using var transfer = Shell.Start("ip", "netns", "exec", Lab.Host1, "iperf3", "-c", Lab.ServerAddress, "-p", port, "-t", "60");
        try
        {
            var id = await OffloadedAsync(port);
            using var destroyed = await DestroyEvents.StartAsync();
            // lan1 stays up: the host's old card takes another MAC and gives up the address.
            Lab.In(Lab.Host1, "ip", "address", "flush", "dev", "eth0");
            Lab.In(Lab.Host1, "ip", "link", "set", "eth0", "address", "02:00:00:00:bb:99");
            Lab.In(Lab.Host2, "ip", "link", "set", "eth0", "address", MovingMac);
            Lab.Address(Lab.Host2, "eth0", "192.168.1.50/24", "192.168.1.1");
            // Its first frame on lan2 teaches the bridge where it is now.
            await Poll.UntilAsync(() => Lab.Ping(Lab.Host2, "192.168.1.1"), "the moved host to reach the router on lan2", Lab.Diagnostics);
            await GoneAsync(engine, destroyed, id, $"{MovingMac} moved from lan1 to lan2 on br-lan");
            await Poll.UntilAsync(() => Lab.Ping(Lab.Host2, Lab.ServerAddress), "the moved host to reach the upstream", Lab.Diagnostics);
        }
        finally
        {
            transfer.Kill(entireProcessTree: true);
            Lab.In(Lab.Host2, "ip", "address", "flush", "dev", "eth0");
        }
    }

    /// <summary>
    /// Each scenario has its own upstream port with a one-off iperf3 server: a transfer cut by a
    /// scenario (a link down) keeps its server busy until iperf3 times out, and a shared server
    /// would refuse the next scenario's transfer (seen: 17 and 18 saw no flow at all after 16).
    /// </summary>
    private static async Task<string> ServeOnceAsync(int port)
    {
        var text = port.ToString(CultureInfo.InvariantCulture);
        Lab.In(Lab.Server, "iperf3", "-s", "-1", "-D", "-p", text);
        // -D returns before the daemon listens: a client started at once could be refused.
        await Poll.UntilAsync(() => Lab.In(Lab.Server, "ss", "-Hltn", $"sport = :{text}").Contains($":{text}", StringComparison.Ordinal),
            $"iperf3 listening on port {text}", () => Lab.In(Lab.Server, "ss", "-ltn"));
        return text;
    }

    /// <summary>Waits for the TCP flow to the upstream's port to be offloaded; its conntrack id.</summary>
    private static async Task<string> OffloadedAsync(string port)
    {
        var entry = await Poll.UntilAsync(() => Listed().Split('\n').Where(line => line.Contains($"dport={port} ", StringComparison.Ordinal) && Traffic.Offloaded(line))
            .OrderByDescending(Traffic.OriginalBytes).FirstOrDefault(), "the TCP flow [OFFLOAD]", Listed);
        return Regex.Match(entry, @" id=(\d+)") is { Success: true } id ? id.Groups[1].Value : throw new ScenarioFailure($"expected the flow's conntrack id; saw: {entry}");
    }

    /// <summary>The entry with <paramref name="id"/> destroyed and the engine's log saying why.</summary>
    private static async Task GoneAsync(Engine engine, DestroyEvents destroyed, string id, string why)
    {
        await destroyed.WaitForAsync(id);
        await Poll.UntilAsync(() => engine.LogTail().Contains($"Stale fast path: {why}", StringComparison.Ordinal), $"the engine's log to say \"{why}\"", engine.LogTail);
    }

    private static string Listed() => Shell.Execute("ip", "netns", "exec", Lab.Router, "conntrack", "-L", "-p", "tcp", "-o", "id").Output;

    /// <summary>A LAN bridge br-lan over lan1 and lan2 (no VLAN filtering), routed to the WAN; the flowtable hooks both ports and wan0.</summary>
    private const string BridgeRouter = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan1" }, { "name": "lan2" }, { "name": "wan0" } ],
          "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan1" }, { "name": "lan2" } ] } ],
          "addresses": [ { "device": "br-lan", "address": "192.168.1.1/24" }, { "device": "wan0", "address": "203.0.113.2/24" } ],
          "flowtables": [ { "name": "ft", "devices": [ "br-lan", "wan0" ], "counter": true } ],
          "offloadPolicy": [ { "name": "all", "action": "offload", "flowtable": "ft" } ],
          "firewall": {
            "zones": [ { "name": "lan", "interfaces": [ "br-lan" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ], "masquerade": true } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
          }
        }
        """;
}

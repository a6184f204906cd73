using System.Globalization;
using RouterOS.Contracts.Engine;
using static RouterOS.KernelScenarios.Scenarios;

namespace RouterOS.KernelScenarios;

/// <summary>The PPPoE scenarios of issue 8, against rp-pppoe's pppoe-server in the upstream namespace.</summary>
internal static class PppoeScenarios
{
    public const string Uplink = "ppp-wan";

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("12 PPPoE (PAP): the session comes up with the ISP's addresses, route and DNS; offloaded with wan0 in the flowtable; MSS clamped; the password never shows", UpAsync),
        new("13 PPPoE (CHAP): a wrong password is said in plain words and dialling stops after three tries (no retry storm)", WrongPasswordAsync),
        new("14 PPPoE: the server dies -> LCP echo failure, the dead session's flows flushed (no masquerade: the engine's doing); back on a new ppp device with no reload", ServerDiesAsync),
        new("15 PPPoE: a cosmetic change keeps the session, a session-critical one restarts it (the plan says restart)", ChangeClassesAsync),
    ];

    private static async Task UpAsync(Engine engine)
    {
        Isp.Start();
        Lab.UseLanClient();
        await engine.ApplyOrFailAsync(Configs.PppoeRouter());
        var status = await SessionUpAsync(engine);
        Expect(status.Address == $"{Isp.Pool}/32" && status.Gateway == Isp.Local && status.DnsServers.Contains(Isp.Dns) && status.SessionId > 0,
            $"the session up with {Isp.Pool}, peer {Isp.Local}, DNS {Isp.Dns} and a session id", status.ToString());
        var routes = Lab.In(Lab.Router, "ip", "route", "show", "default");
        Expect(routes.Contains($"default dev {Uplink} proto 202 scope link metric 10", StringComparison.Ordinal), "the default route through ppp-wan with metric 10", routes);
        var table = Lab.In(Lab.Router, "nft", "list", "table", "inet", "routeros");
        var devices = table.Split('\n').FirstOrDefault(line => line.Contains("devices = ", StringComparison.Ordinal)) ?? "";
        Expect(devices.Contains("wan0", StringComparison.Ordinal) && !devices.Contains(Uplink, StringComparison.Ordinal),
            "the flowtable to list the Ethernet device wan0, not the ppp device", devices);

        await Poll.UntilAsync(() => Lab.Ping(Lab.Client, Lab.ServerAddress), "the LAN client to reach the upstream through the session", Lab.Diagnostics);
        Isp.CountSyns(Traffic.OffloadedPort, mss: 1452);
        FlushFlows();
        var transfer = Traffic.IperfAsync(Lab.Client, Traffic.OffloadedPort, seconds: 6);
        await Poll.UntilAsync(() => Traffic.Offloaded(Traffic.Busiest("tcp", Traffic.OffloadedPort)), "the TCP flow through the session [OFFLOAD]",
            () => string.Join('\n', Traffic.Entries("tcp", Traffic.OffloadedPort)));
        await transfer;
        var (clamped, all) = Isp.SynCounts();
        // The client's SYN says 1460 (its eth0 has MTU 1500); through ppp-wan (MTU 1492) it must arrive saying 1452.
        Expect(all > 0 && clamped == all, "every SYN through the session clamped to MSS 1452", $"{clamped} of {all} SYNs");

        var processes = Shell.Run("ps", "-eo", "args");
        var log = engine.LogTail();
        Expect(!processes.Contains("s3cr", StringComparison.Ordinal) && !log.Contains("s3cr", StringComparison.Ordinal),
            "the password in no process's arguments and not in the engine's log", processes.Split('\n').FirstOrDefault(line => line.Contains("s3cr", StringComparison.Ordinal)) ?? "the log");
        var pppd = EnginePppd(processes).FirstOrDefault() ?? "";
        Expect(pppd.StartsWith("/usr/sbin/pppd ", StringComparison.Ordinal), "the engine's pppd run by its absolute path", pppd);
        Expect(pppd.Contains("passwordfd 0", StringComparison.Ordinal), "pppd reading the password from a file descriptor", pppd);
    }

    private static async Task WrongPasswordAsync(Engine engine)
    {
        Isp.Start(chap: true);
        await engine.ApplyOrFailAsync(Configs.PppoeRouter(password: "not the password"));
        var failed = await Poll.UntilAsync(() => Find(engine) is { State: "failed" } status ? status : null, "the uplink to stop dialling", () => Describe(engine), seconds: 90);
        Expect(failed.Failure.StartsWith("authentication failed 3 times in a row", StringComparison.Ordinal) && failed.FailureCheck.Contains("password", StringComparison.Ordinal),
            "the failure in plain words with what to check", failed.ToString());
        Expect(failed.Timeline.Any(e => e.Detail.Contains("authentication failed: the server rejected the username or password", StringComparison.Ordinal)),
            "each attempt's failure in the timeline", failed.ToString());
        // Given up means no pppd left to dial again: the engine starts one only on a config change or
        // a reconnect asked for. Waiting for that event proves it where a fixed wait would only sample it.
        await Poll.UntilAsync(() => !EnginePppd(Shell.Run("ps", "-eo", "args")).Any(),
            "no pppd running after the uplink stopped dialling", () => Shell.Run("ps", "-eo", "args"));
        var later = Find(engine)!;
        Expect(later.State == "failed" && later.Reconnects == failed.Reconnects && failed.Reconnects == 2, "no further attempt after the third failure",
            $"{later.State}, {failed.Reconnects} -> {later.Reconnects} reconnects");
    }

    private static async Task ServerDiesAsync(Engine engine)
    {
        Isp.Start();
        Lab.UseLanClient();
        Step("server started");
        // Without masquerade the kernel deletes nothing when the session's device goes: what is
        // flushed below, the engine flushed. The upstream routes the LAN back through the session.
        await engine.ApplyOrFailAsync(Configs.PppoeRouter(masquerade: false));
        Step("applied");
        await SessionUpAsync(engine);
        Lab.In(Lab.Server, "ip", "route", "replace", "192.168.1.0/24", "via", Isp.Pool);
        Step("session up");
        await Poll.UntilAsync(() => Lab.Ping(Lab.Client, Lab.ServerAddress), "the LAN client to reach the upstream", Lab.Diagnostics);
        var indexBefore = IndexOf(Uplink);
        var tableBefore = Stateless(Lab.In(Lab.Router, "nft", "list", "table", "inet", "routeros"));
        FlushFlows();
        // Two connections through the session: a LAN client's (offloaded; its tuples do not name
        // the session: the engine knows it by its label) and the router's own (from the session's address).
        var port = Traffic.OffloadedPort.ToString(CultureInfo.InvariantCulture);
        using var forwarded = Shell.Start("ip", "netns", "exec", Lab.Client, "iperf3", "-c", Lab.ServerAddress, "-p", port, "-t", "60");
        await Poll.UntilAsync(() => Traffic.Offloaded(Traffic.Busiest("tcp", Traffic.OffloadedPort)), "the LAN client's TCP flow through the session [OFFLOAD]",
            () => string.Join('\n', Traffic.Entries("tcp", Traffic.OffloadedPort)));
        using var own = Shell.Start("ip", "netns", "exec", Lab.Router, "iperf3", "-c", Lab.ServerAddress, "-p", Traffic.ExcludedPort.ToString(CultureInfo.InvariantCulture), "-t", "60");
        await Poll.UntilAsync(() => Connections().Contains($"src={Isp.Pool} dst={Lab.ServerAddress} sport=", StringComparison.Ordinal),
            "the router's own connection from the session's address", Connections);

        Isp.Stop();
        Step("server killed");
        var down = await Poll.UntilAsync(() => Find(engine) is { State: not "up" } status && status.Timeline.Any(e => e.Detail.Contains("LCP echo", StringComparison.Ordinal)) ? status : null,
            "the engine to see the dead link by LCP echo failure", () => Describe(engine), seconds: 60);
        await Poll.UntilAsync(() => !Connections().Contains(Isp.Pool, StringComparison.Ordinal) && Traffic.Entries("tcp", Traffic.OffloadedPort).Count == 0,
            "every connection through the dead session gone (flows flushed)", Connections, seconds: 20);
        Expect(System.Text.RegularExpressions.Regex.IsMatch(engine.LogTail(), $"the session with {System.Text.RegularExpressions.Regex.Escape(Isp.Pool)} ended; [1-9][0-9]* connections through it deleted"),
            "the engine to have deleted the connections the kernel left", engine.LogTail());
        // The transfers die with the session; they would wait for the dead peer for minutes.
        forwarded.Kill(entireProcessTree: true);
        own.Kill(entireProcessTree: true);
        Step("flows flushed");
        Isp.Start();
        await SessionUpAsync(engine, seconds: 90);
        Lab.In(Lab.Server, "ip", "route", "replace", "192.168.1.0/24", "via", Isp.Pool);
        Step("session up again");
        var indexAfter = IndexOf(Uplink);
        Expect(indexAfter != indexBefore, "a new ppp device (a new ifindex)", $"{indexBefore} -> {indexAfter}");
        var routes = Lab.In(Lab.Router, "ip", "route", "show", "default");
        Expect(routes.Contains($"default dev {Uplink} proto 202 scope link metric 10", StringComparison.Ordinal), "the default route back on the new device", routes);
        Expect(Stateless(Lab.In(Lab.Router, "nft", "list", "table", "inet", "routeros")) == tableBefore, "the ruleset untouched (it names the device, not its index)", down.ToString());
        await Poll.UntilAsync(() => Lab.Ping(Lab.Client, Lab.ServerAddress), "the LAN client to reach the upstream through the new session", Lab.Diagnostics);
        Expect(Find(engine)!.Reconnects >= 1, "the reconnect counted", Describe(engine));
    }

    private static async Task ChangeClassesAsync(Engine engine)
    {
        Isp.Start();
        await engine.ApplyOrFailAsync(Configs.PppoeRouter());
        var before = await SessionUpAsync(engine);

        var cosmetic = await engine.Client.PlanAsync(new PlanRequest { ConfigJson = Configs.PppoeRouter(description: "fibre line 2") });
        var cosmeticChange = cosmetic.Changes.FirstOrDefault(change => change.Path == $"pppoe[{Uplink}]");
        Expect(cosmeticChange is { ChangeClass: "applied_live" }, "the description change planned live", cosmetic.ToString());
        await engine.ApplyOrFailAsync(Configs.PppoeRouter(description: "fibre line 2"));
        var same = Find(engine)!;
        Expect(same.State == "up" && same.UpSince == before.UpSince && same.SessionId == before.SessionId, "the same session after the cosmetic change", same.ToString());

        var critical = await engine.Client.PlanAsync(new PlanRequest { ConfigJson = Configs.PppoeRouter(mtu: 1480) });
        var criticalChange = critical.Changes.FirstOrDefault(change => change.Path == $"pppoe[{Uplink}]");
        Expect(criticalChange is { ChangeClass: "restart" }, "the MTU change planned as a restart", critical.ToString());
        await engine.ApplyOrFailAsync(Configs.PppoeRouter(mtu: 1480));
        var restarted = await SessionUpAsync(engine);
        Expect(restarted.UpSince != before.UpSince, "a new session after the MTU change", restarted.ToString());
        var link = Lab.In(Lab.Router, "ip", "link", "show", Uplink);
        Expect(link.Contains("mtu 1480", StringComparison.Ordinal), "the new session with MTU 1480", link);

        // Leave the router without PPPoE for whatever runs next: the session ends with PADT.
        await engine.ApplyOrFailAsync(Configs.Router());
        await Poll.UntilAsync(() => Find(engine) is null && !Lab.TryIn(Lab.Router, "ip", "link", "show", Uplink), "the session stopped and ppp-wan gone", () => Describe(engine));
        Isp.Stop();
    }

    /// <summary>Progress in the VM's log, so a slow or stuck step shows where it is.</summary>
    private static void Step(string what) => Console.WriteLine($"  {DateTime.UtcNow:HH:mm:ss} {what}");

    private static async Task<UplinkStatus> SessionUpAsync(Engine engine, double seconds = 60) =>
        await Poll.UntilAsync(() => Find(engine) is { State: "up" } status ? status : null, "the PPPoE session up", () => Describe(engine), seconds);

    /// <summary>The engine's pppd command lines in a `ps -eo args` listing (the ISP's pppd, started by pppoe-server, has no PPPoE plugin of its own).</summary>
    private static IEnumerable<string> EnginePppd(string processes) =>
        processes.Split('\n').Where(line => line.Split(' ')[0] is "pppd" or "/usr/sbin/pppd" && line.Contains(" nodetach plugin pppoe.so", StringComparison.Ordinal));

    private static UplinkStatus? Find(Engine engine) =>
        engine.Client.ListUplinks(new ListUplinksRequest()).Uplinks.FirstOrDefault(uplink => uplink.Kind == "pppoe" && uplink.Device == Uplink);

    private static string Describe(Engine engine) => Find(engine)?.ToString() ?? "no PPPoE uplink";

    private static string Connections() => Shell.Execute("ip", "netns", "exec", Lab.Router, "conntrack", "-L").Output;

    private static int IndexOf(string device) =>
        int.Parse(Lab.In(Lab.Router, "cat", $"/sys/class/net/{device}/ifindex").Trim(), CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using RouterOS.Engine.Services;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Privileged;

/// <summary>
/// IPv6 from an ISP on the host kernel (root only): Kea's DHCPv6 server delegates a /56 and
/// dnsmasq advertises the ISP's router in an ISP namespace; the router's dhcpcd gets the prefix,
/// the LAN is numbered from it and advertised, a LAN host takes a SLAAC address and the router as
/// its DNS server, and reaches a web server at the ISP through the router's firewall. The lease is
/// renewed; when the ISP stops answering, the LAN's addresses are deprecated when the prefix's
/// preferred lifetime runs out.
/// </summary>
public sealed class Ipv6UplinkTests
{
    private const string Config = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "wan0" }, { "name": "lan0" } ],
          "ipv6": { "clients": [ { "uplink": "wan0", "prefixHintLength": 56 } ], "lans": [ { "device": "lan0", "subnetId": 3 } ] },
          "firewall": {
            "zones": [ { "name": "lan", "interfaces": [ "lan0" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ] } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
          }
        }
        """;

    public static bool HasTools => HelperPrograms.System.Has("dhcpcd") && HelperPrograms.System.Has("kea-dhcp6") && HelperPrograms.System.Has("rdisc6") && EngineHarness.HasDnsmasq;

    public const string NeedsTools = "needs dhcpcd, kea-dhcp6, rdisc6 and dnsmasq (make test installs dhcpcd-base, kea-dhcp6-server, ndisc6 and dnsmasq-base)";

    [Fact]
    public async Task A_delegated_prefix_numbers_the_lan_whose_host_reaches_the_isp_and_loses_it_when_the_isp_goes_quiet()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        Assert.SkipUnless(HasTools, NeedsTools);
        using var harness = new EngineHarness();
        using var isp = new TestNamespace();
        using var host = new TestNamespace();
        harness.HandPeerTo("wan0", isp);
        harness.HandPeerTo("lan0", host);
        isp.Exec("ip", "address", "add", "2001:db8:0:1::1/64", "dev", "wan0p", "nodad");
        isp.Exec("ip", "address", "add", "2001:db8:0:1::80/64", "dev", "wan0p", "nodad");
        using var kea = new Stop(IspDhcpv6Server(isp, harness.StateDirectory));
        using var ra = new Stop(IspRouterAdvertisements(isp, harness.StateDirectory));
        using var web = new Stop(Start("ip", "netns", "exec", isp.Name, "python3", "-m", "http.server", "--bind", "2001:db8:0:1::80", "8080", "--directory", harness.StateDirectory));
        Diagnostics = () => File.Exists(Path.Combine(harness.StateDirectory, "kea.log")) ? File.ReadAllText(Path.Combine(harness.StateDirectory, "kea.log")) : "no kea log";
        await harness.Engine.StartAsync();

        var result = await harness.Engine.ApplyAsync(Configs.Parse(Config), 1, null);

        Assert.True(result.Applied, result.Error);
        Assert.Contains(result.Plan.Steps, step => step is Reconcile.ServiceStep { Path: "ipv6.clients[wan0]", Action: "create" });
        var client = harness.Engine.Uplinks.FindDhcpv6("wan0")!;
        await Until(client, () => client.State == UplinkState.Bound && client.Lease.DefaultRouter is not null, "the delegated prefix and the ISP's router", 60);
        var prefix = client.Lease.Prefix!.Value;
        Assert.Equal(56, prefix.PrefixLength);
        Assert.StartsWith("2001:db8:1", prefix.ToString(), StringComparison.Ordinal);
        // Subnet id 3 of the /56, ::1 for the router, with the prefix's lifetimes counting down.
        var lanSubnet = Domain.Topology.Ipv6Numbering.SubnetOf(prefix, 3)!;
        var lan = harness.Namespace.Exec("ip", "-6", "address", "show", "dev", "lan0");
        Assert.Matches($@"inet6 {Domain.Topology.Ipv6Numbering.RouterAddress(lanSubnet)} scope global (tentative )?dynamic", lan);
        var routes = harness.Namespace.Exec("ip", "-6", "route");
        Assert.Contains($"unreachable {prefix}", routes, StringComparison.Ordinal);
        Assert.Matches(@"default via fe80::[0-9a-f:]+ dev wan0 proto dhcp metric 1024", routes);
        Assert.Contains("2001:db8:0:1::100", harness.Namespace.Exec("ip", "-6", "address", "show", "dev", "wan0"), StringComparison.Ordinal);
        Assert.Contains("DNS 2001:db8:0:1::53", client.Timeline.Last(e => e.Detail.StartsWith("bound:", StringComparison.Ordinal)).Detail, StringComparison.Ordinal);
        // What the API and the dashboard are told: the prefix, its lifetimes, and the LAN's /64 of it.
        var status = Grpc.UplinkMessages.List(harness.Engine.Uplinks).Uplinks.Single(uplink => uplink.Kind == "dhcpv6");
        Assert.Equal(("wan0", "bound", prefix.ToString(), "2001:db8:0:1::100/128"), (status.Device, status.State, status.DelegatedPrefix, status.Address));
        Assert.InRange(status.PrefixValidSeconds, 1u, 40u);
        Assert.Equal(lanSubnet.ToString(), status.LanPrefixes.Single(lan => lan.Device == "lan0").Prefix);

        // The LAN host: a SLAAC address in the LAN's /64, and the router as DNS server in the advertisement.
        string HostAddress() => System.Text.RegularExpressions.Regex.Match(host.Exec("ip", "-6", "-o", "address", "show", "dev", "lan0p", "scope", "global"), @"inet6 ([0-9a-f:]+)/64").Groups[1].Value;
        Diagnostics = () => $"dnsmasq's configuration:\n{File.ReadAllText(harness.Engine.Lan.ConfigFile)}\nthe LAN host:\n{host.Exec("ip", "-6", "address")}\n{RouterOS.Testing.Shell.Capture("ip", "netns", "exec", host.Name, "rdisc6", "-1", "lan0p")}";
        await Until(client, () => HostAddress() is { Length: > 0 } address && lanSubnet.Contains(Domain.Values.IpAddress.Parse(address)),
            "a SLAAC address in the LAN's /64 on the LAN host", 30);
        var advertisement = host.Exec("rdisc6", "-1", "lan0p");
        Assert.Contains($"Prefix                   : {lanSubnet}", advertisement, StringComparison.Ordinal);
        // dnsmasq names the router by its link-local address, which RFC 8106 allows and no renumbering changes.
        Assert.Matches(@"Recursive DNS server\s+:\s+fe80::", advertisement);

        // Through the router to the ISP's web server, and nothing from the ISP to the host unasked.
        // The ISP routes the delegated prefix to the router's address, as an ISP's DHCPv6 relay does.
        isp.Exec("ip", "-6", "route", "add", prefix.ToString(), "via", "2001:db8:0:1::100");
        await Poll.UntilAsync(() => host.TryExec("curl", "-6", "-sf", "--max-time", "3", "-o", "/dev/null", "http://[2001:db8:0:1::80]:8080/"),
            "the ISP's web server from the LAN host", 20);
        var hostAddress = HostAddress();
        host.Exec("ip", "link", "set", "lo", "up");
        using var hostWeb = new Stop(Start("ip", "netns", "exec", host.Name, "python3", "-m", "http.server", "--bind", "::", "8081", "--directory", harness.StateDirectory));
        await Poll.UntilAsync(() => host.TryExec("curl", "-6", "-sf", "--max-time", "2", "-o", "/dev/null", $"http://[{hostAddress}]:8081/"), "the LAN host's own web server");
        Assert.False(isp.TryExec("curl", "-6", "-sf", "--max-time", "3", "-o", "/dev/null", $"http://[{hostAddress}]:8081/"),
            "a connection from the WAN to a LAN host must be refused: IPv6 has no NAT, the firewall is what keeps it out");

        // Renewal (Kea's renew timer is 10 s).
        await Poll.UntilAsync(() => client.Timeline.Any(e => e.Detail.StartsWith("renewed", StringComparison.Ordinal)), "the renewal", 30);

        // The ISP goes quiet: past the prefix's preferred lifetime (20 s) the LAN's address is deprecated.
        kea.Dispose();
        await Poll.UntilAsync(() => harness.Namespace.Exec("ip", "-6", "address", "show", "dev", "lan0").Contains("deprecated", StringComparison.Ordinal),
            "the LAN's address deprecated", 40);
        // The harness's engine keeps a test clock: moved past the preferred lifetime, the status says none is left.
        harness.Time.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal(0u, Grpc.UplinkMessages.List(harness.Engine.Uplinks).Uplinks.Single(uplink => uplink.Kind == "dhcpv6").PrefixPreferredSeconds);
        // The host's advertised address is deprecated with it: the router advertises the prefix's lifetimes as they run out.
        await Poll.UntilAsync(() => host.Exec("ip", "-6", "address", "show", "dev", "lan0p").Contains("deprecated", StringComparison.Ordinal),
            "the LAN host's address deprecated", 40);
    }

    /// <summary>What the ISP's server logged, for a failure's message.</summary>
    private static Func<string>? Diagnostics { get; set; }

    /// <summary>Polls, and on a timeout says what the client's timeline shows.</summary>
    private static async Task Until(RouterOS.Engine.Services.Ipv6.UplinkDhcpv6Client client, Func<bool> condition, string what, int seconds)
    {
        try
        {
            await Poll.UntilAsync(condition, what, seconds);
        }
        catch (Xunit.Sdk.FailException exception)
        {
            Assert.Fail($"{exception.Message}; the DHCPv6 client's timeline:\n{string.Join('\n', client.Timeline.Select(e => $"{e.State}: {e.Detail}"))}\n{Diagnostics?.Invoke()}");
        }
    }

    private static Process IspDhcpv6Server(TestNamespace isp, string directory)
    {
        var config = Path.Combine(directory, "kea-dhcp6.json");
        File.WriteAllText(config, """
            { "Dhcp6": {
              "server-id": { "type": "EN", "enterprise-id": 32473, "identifier": "0102", "persist": false },
              "interfaces-config": { "interfaces": [ "wan0p" ], "service-sockets-max-retries": 600, "service-sockets-retry-wait-time": 100 },
              "lease-database": { "type": "memfile", "persist": false },
              "renew-timer": 10, "rebind-timer": 16, "preferred-lifetime": 20, "valid-lifetime": 40,
              "option-data": [ { "name": "dns-servers", "data": "2001:db8:0:1::53" } ],
              "subnet6": [ { "id": 1, "subnet": "2001:db8:0:1::/64", "interface": "wan0p",
                 "pools": [ { "pool": "2001:db8:0:1::100-2001:db8:0:1::100" } ],
                 "pd-pools": [ { "prefix": "2001:db8:100::", "prefix-len": 40, "delegated-len": 56 } ] } ],
              "loggers": [ { "name": "kea-dhcp6", "severity": "INFO", "output_options": [ { "output": "LOG" } ] } ]
            } }
            """.Replace("LOG", Path.Combine(directory, "kea.log"), StringComparison.Ordinal));
        var start = new ProcessStartInfo("ip", ["netns", "exec", isp.Name, HelperPrograms.System.Resolve("kea-dhcp6"), "-c", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Kea's pid and lock files go to the test's directory, never to the host's /run/kea.
        start.Environment["KEA_PIDFILE_DIR"] = directory;
        start.Environment["KEA_LOCKFILE_DIR"] = directory;
        return Process.Start(start)!;
    }

    /// <summary>The ISP's router advertisements (dnsmasq, RA only: no DNS, no DHCP) with the link's prefix and the M flag's absence not mattering: the router asks for its prefix anyway.</summary>
    private static Process IspRouterAdvertisements(TestNamespace isp, string directory) =>
        Start("ip", "netns", "exec", isp.Name, HelperPrograms.System.Resolve("dnsmasq"), "--keep-in-foreground", "--user=root", "--port=0", "--conf-file=/dev/null",
            "--no-resolv", "--interface=wan0p", "--bind-interfaces", "--enable-ra", "--dhcp-range=::,constructor:wan0p,ra-only",
            $"--pid-file={Path.Combine(directory, "isp-ra.pid")}");

    private static Process Start(string program, params string[] arguments) =>
        Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;

    /// <summary>Kills an ISP-side process when the test ends, however it ends (or earlier, to make the ISP go quiet).</summary>
    private sealed class Stop(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}

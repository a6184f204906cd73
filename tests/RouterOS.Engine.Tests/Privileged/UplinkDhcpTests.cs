using System.Diagnostics;
using RouterOS.Engine.Services;
using RouterOS.Engine.Tests.Support;
using RouterOS.Testing;

namespace RouterOS.Engine.Tests.Privileged;

/// <summary>
/// The router's WAN takes its address by DHCP from a server in an ISP namespace (dnsmasq there),
/// on the host kernel (root only): the lease is applied (address, default route with its metric),
/// renewed, left alone by drift repair, removed with the client; without a server the failure is
/// said in plain words.
/// </summary>
public sealed class UplinkDhcpTests
{
    private const string WanByDhcp = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "wan0" } ],
          "dhcp": { "clients": [ { "device": "wan0", "routeMetric": 10 } ] }
        }
        """;

    private const string WanOnly = """{ "schemaVersion": 1, "ports": [ { "name": "wan0" } ] }""";

    [Fact]
    public async Task The_wan_gets_its_lease_renews_it_and_gives_it_back()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        Assert.SkipUnless(EngineHarness.HasDnsmasq, EngineHarness.NeedsDnsmasq);
        using var harness = new EngineHarness();
        using var isp = new TestNamespace();
        harness.HandPeerTo("wan0", isp);
        using var server = IspDhcpServer(isp, harness.StateDirectory);
        using var stopServer = new Stop(server);
        await harness.Engine.StartAsync();

        var result = await harness.Engine.ApplyAsync(Configs.Parse(WanByDhcp), 1, null);

        Assert.True(result.Applied, result.Error);
        Assert.Contains(result.Plan.Steps, step => step is Reconcile.ServiceStep { Path: "dhcp.clients[wan0]", Action: "create" });
        var client = harness.Engine.Uplinks.Find("wan0")!;
        await Poll.UntilAsync(() => client.State == UplinkState.Bound, "the WAN's lease");
        Assert.Matches(@"inet 198\.51\.100\.1\d/24 .*wan0", harness.Namespace.Exec("ip", "-4", "address", "show", "dev", "wan0"));
        Assert.Contains("default via 198.51.100.1 dev wan0 proto dhcp metric 10", harness.Namespace.Exec("ip", "route"), StringComparison.Ordinal);
        Assert.Contains("DNS 198.51.100.53", client.Timeline[^1].Detail, StringComparison.Ordinal);

        Assert.True(client.Renew());
        await Poll.UntilAsync(() => client.Timeline.Any(e => e.Detail.StartsWith("lease renewed", StringComparison.Ordinal)), "the renewal");
        Assert.Empty(await harness.Engine.RepairDriftAsync());
        Assert.Contains("default via 198.51.100.1", harness.Namespace.Exec("ip", "route"), StringComparison.Ordinal);

        var removed = await harness.Engine.ApplyAsync(Configs.Parse(WanOnly), 2, null);
        Assert.True(removed.Applied, removed.Error);
        Assert.DoesNotContain("198.51.100.", harness.Namespace.Exec("ip", "-4", "address", "show", "dev", "wan0"), StringComparison.Ordinal);
        Assert.DoesNotContain("default", harness.Namespace.Exec("ip", "route"), StringComparison.Ordinal);
        Assert.Null(harness.Engine.Uplinks.Find("wan0"));
    }

    [Fact]
    public async Task Without_a_dhcp_server_the_failure_is_said_in_plain_words()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();

        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(WanByDhcp), 1, null)).Applied);

        var client = harness.Engine.Uplinks.Find("wan0")!;
        await Poll.UntilAsync(() => client.State == UplinkState.Failed, "the DHCP client to give up a round");
        Assert.Equal("no DHCP server answered on wan0 (discovery timed out); asking again", client.Failure);
        Assert.Null(client.Lease);
    }

    [Fact]
    public async Task A_lan_client_resolves_names_through_the_dns_server_the_wan_lease_gave()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        Assert.SkipUnless(EngineHarness.HasDnsmasq, EngineHarness.NeedsDnsmasq);
        using var harness = new EngineHarness();
        using var isp = new TestNamespace();
        using var client = new TestNamespace();
        harness.HandPeerTo("wan0", isp);
        harness.HandPeerTo("lan0", client);
        client.Exec("ip", "address", "add", "192.168.7.100/24", "dev", "lan0p");
        using var server = IspDhcpServer(isp, harness.StateDirectory, dnsServer: "198.51.100.1");
        using var stopServer = new Stop(server);
        await harness.Engine.StartAsync();

        var result = await harness.Engine.ApplyAsync(Configs.Parse("""
            {
              "schemaVersion": 1,
              "ports": [ { "name": "lan0" }, { "name": "wan0" } ],
              "addresses": [ { "device": "lan0", "address": "192.168.7.1/24" } ],
              "dhcp": {
                "clients": [ { "device": "wan0" } ],
                "servers": [ { "device": "lan0", "rangeStart": "192.168.7.150", "rangeEnd": "192.168.7.160" } ]
              },
              "firewall": { "zones": [ { "name": "lan", "interfaces": [ "lan0" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ] } ] },
              "dns": { "rebindAllowedDomains": [ "example.test" ] }
            }
            """), 1, null);

        Assert.True(result.Applied, result.Error);
        await Poll.UntilAsync(() => harness.Engine.Uplinks.Find("wan0")!.State == UplinkState.Bound, "the WAN's lease");
        await Poll.UntilAsync(() => harness.Engine.Lan.UplinkDns.Count == 1, "the lease's DNS server handed to dnsmasq");
        Assert.Contains("server=198.51.100.1\n", File.ReadAllText(harness.Engine.Lan.ConfigFile), StringComparison.Ordinal);
        var answer = "";
        await Poll.UntilAsync(() =>
        {
            (_, answer) = Shell.Capture("ip", "netns", "exec", client.Name, "busybox", "nslookup", "www.example.test", "192.168.7.1");
            return answer.Contains("198.51.100.80", StringComparison.Ordinal);
        }, "www.example.test resolved through the router");
        // Rebind protection: a name outside the allowed domains pointing into the LAN gets no answer.
        var (_, rebound) = Shell.Capture("ip", "netns", "exec", client.Name, "busybox", "nslookup", "rebind.attacker.test", "192.168.7.1");
        Assert.DoesNotContain("192.168.7.5", rebound, StringComparison.Ordinal);
    }

    /// <summary>Kills the ISP's server when the test ends, however it ends.</summary>
    private sealed class Stop(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>The ISP's DHCP and DNS server: dnsmasq in the ISP namespace, handing out 198.51.100.10-19 with a gateway and a DNS server, and answering www.example.test.</summary>
    private static Process IspDhcpServer(TestNamespace isp, string directory, string dnsServer = "198.51.100.53")
    {
        isp.Exec("ip", "address", "add", "198.51.100.1/24", "dev", "wan0p");
        var config = Path.Combine(directory, "isp-dnsmasq.conf");
        File.WriteAllText(config, $"""
            interface=wan0p
            bind-interfaces
            dhcp-range=198.51.100.10,198.51.100.19,120
            dhcp-option=option:router,198.51.100.1
            dhcp-option=option:dns-server,{dnsServer}
            no-resolv
            address=/www.example.test/198.51.100.80
            address=/rebind.attacker.test/192.168.7.5
            dhcp-leasefile={Path.Combine(directory, "isp.leases")}
            """);
        var start = new ProcessStartInfo("ip", ["netns", "exec", isp.Name, HelperPrograms.System.Resolve("dnsmasq"), "--keep-in-foreground", "--user=root", $"--conf-file={config}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Process.Start(start)!;
    }
}

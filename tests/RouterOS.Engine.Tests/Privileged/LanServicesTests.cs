using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Services;
using RouterOS.Engine.Tests.Support;
using RouterOS.Testing;

namespace RouterOS.Engine.Tests.Privileged;

/// <summary>
/// The router's dnsmasq, run by the engine in the router's namespace (root only): a LAN client in
/// its own namespace gets an address by DHCP (its static lease), resolves a local name and a
/// static host name through the router, and the engine lists the lease.
/// </summary>
public sealed class LanServicesTests
{
    private const string ClientMac = "02:00:00:00:00:50";

    private const string LanWithDhcp = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" } ],
          "addresses": [ { "device": "lan0", "address": "192.168.7.1/24" } ],
          "dhcp": {
            "servers": [ {
              "device": "lan0", "rangeStart": "192.168.7.100", "rangeEnd": "192.168.7.150", "leaseTimeSeconds": 600,
              "domain": "home.test",
              "staticLeases": [ { "mac": "02:00:00:00:00:50", "address": "192.168.7.50", "hostname": "printer" } ]
            } ]
          },
          "firewall": { "zones": [ { "name": "lan", "interfaces": [ "lan0" ], "input": "accept" } ] }
        }
        """;

    private const string LanOnly = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" } ],
          "addresses": [ { "device": "lan0", "address": "192.168.7.1/24" } ]
        }
        """;

    [Fact]
    public async Task A_lan_client_gets_its_static_lease_and_resolves_a_local_name_through_the_router()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        Assert.SkipUnless(EngineHarness.HasDnsmasq, EngineHarness.NeedsDnsmasq);
        using var harness = new EngineHarness();
        using var client = new TestNamespace();
        harness.HandPeerTo("lan0", client);
        client.Exec("ip", "link", "set", "lan0p", "address", ClientMac);
        await harness.Engine.StartAsync();

        var result = await harness.Engine.ApplyAsync(Configs.Parse(LanWithDhcp), 1, null);

        Assert.True(result.Applied, result.Error);
        Assert.Contains(result.Plan.Steps, step => step is ServiceStep { Action: "create" });
        var lease = await LeaseAsync(client);
        Assert.Contains("lease of 192.168.7.50 obtained", lease, StringComparison.Ordinal);
        client.Exec("ip", "address", "add", "192.168.7.50/24", "dev", "lan0p");
        var answer = client.Exec("busybox", "nslookup", "printer.home.test", "192.168.7.1");
        Assert.Contains("192.168.7.50", answer, StringComparison.Ordinal);
        var listed = Assert.Single(harness.Engine.Lan.Leases());
        Assert.Equal((ClientMac, "192.168.7.50", "printer"), (listed.Mac, listed.Address, listed.Hostname));
    }

    [Fact]
    public async Task A_lan_client_resolves_a_static_host_name_and_its_address_back_through_the_router()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        Assert.SkipUnless(EngineHarness.HasDnsmasq, EngineHarness.NeedsDnsmasq);
        using var harness = new EngineHarness();
        using var client = new TestNamespace();
        harness.HandPeerTo("lan0", client);
        client.Exec("ip", "address", "add", "192.168.7.20/24", "dev", "lan0p");
        await harness.Engine.StartAsync();
        var config = Configs.Parse(LanWithDhcp) with
        {
            Dns = new DnsSettings(Hosts: [new DnsHost(DnsName.Parse("nas.home.test"), IpAddress.Parse("192.168.7.5"))]),
        };

        var result = await harness.Engine.ApplyAsync(config, 1, null);

        Assert.True(result.Applied, result.Error);
        // dnsmasq may still be starting: ask until it answers.
        var answer = "";
        await Poll.UntilAsync(() =>
        {
            (_, answer) = Shell.Capture("ip", "netns", "exec", client.Name, "busybox", "nslookup", "nas.home.test", "192.168.7.1");
            return answer.Contains("192.168.7.5", StringComparison.Ordinal);
        }, "the router's dnsmasq answering nas.home.test");
        var reverse = client.Exec("busybox", "nslookup", "192.168.7.5", "192.168.7.1");
        Assert.Contains("nas.home.test", reverse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_without_a_static_lease_gets_one_from_the_range_and_removing_the_server_stops_dnsmasq()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        Assert.SkipUnless(EngineHarness.HasDnsmasq, EngineHarness.NeedsDnsmasq);
        using var harness = new EngineHarness();
        using var client = new TestNamespace();
        harness.HandPeerTo("lan0", client);
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(LanWithDhcp), 1, null)).Applied);

        var lease = await LeaseAsync(client);

        Assert.Matches(@"lease of 192\.168\.7\.1([0-4][0-9]|50) obtained", lease);
        var without = await harness.Engine.ApplyAsync(Configs.Parse(LanOnly), 2, null);
        Assert.True(without.Applied, without.Error);
        Assert.Contains(without.Plan.Steps, step => step is ServiceStep { Action: "delete" });
        Assert.Equal(SupervisedState.Stopped, harness.Engine.Lan.State);
    }

    [Fact]
    public async Task A_dnsmasq_left_by_a_killed_engine_is_stopped_before_the_next_one_starts()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        Assert.SkipUnless(EngineHarness.HasDnsmasq, EngineHarness.NeedsDnsmasq);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();
        var config = Configs.Parse(LanWithDhcp);
        Assert.True((await harness.Engine.ApplyAsync(config, 1, null)).Applied);
        // As if the engine had been killed: its dnsmasq runs on, unsupervised, and holds the ports.
        var lan = harness.Engine.Lan;
        await lan.DisposeAsync();
        File.Delete(lan.PidFile);
        // It daemonizes; its output goes nowhere, or reading it would wait for the daemon's end.
        harness.Namespace.Exec("sh", "-c", $"{HelperPrograms.System.Resolve("dnsmasq")} --conf-file={lan.ConfigFile} --pid-file={lan.PidFile} </dev/null >/dev/null 2>&1");
        await Poll.UntilAsync(() => File.Exists(lan.PidFile) && File.ReadAllText(lan.PidFile).Trim().Length > 0, "the leftover dnsmasq's pid file");
        var leftover = int.Parse(File.ReadAllText(lan.PidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await using var next = new LanServices(harness.Namespace.Name, harness.StateDirectory, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await next.ApplyAsync(config);

        Assert.False(Directory.Exists($"/proc/{leftover}"), "the leftover dnsmasq still runs");
        await Poll.UntilAsync(() => next.State == SupervisedState.Running && File.Exists(next.PidFile)
            && File.ReadAllText(next.PidFile).Trim() is { Length: > 0 } pid && pid != leftover.ToString(System.Globalization.CultureInfo.InvariantCulture), "the new dnsmasq");
    }

    /// <summary>DHCP exchanges from the client (busybox udhcpc: quit once bound) until one gets a lease (dnsmasq may still be starting); udhcpc's output.</summary>
    private static async Task<string> LeaseAsync(TestNamespace client)
    {
        var output = "";
        await Poll.UntilAsync(() =>
        {
            (_, output) = Shell.Capture("ip", "netns", "exec", client.Name, "busybox", "udhcpc", "-i", "lan0p", "-n", "-q", "-f", "-t", "3", "-T", "1", "-s", "/bin/true");
            return output.Contains("obtained", StringComparison.Ordinal);
        }, "a DHCP lease from the router's dnsmasq");
        return output;
    }
}

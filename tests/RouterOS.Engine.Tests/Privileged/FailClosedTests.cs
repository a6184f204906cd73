using RouterOS.Engine.Nft;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Privileged;

/// <summary>
/// The firewall fails closed, on the real kernel in fresh namespaces (root only): a ruleset is in
/// place before forwarding is on, a stored configuration that no longer plans keeps the last or
/// the base ruleset and says why, "nothing" is the base ruleset, interfaces in no zone forward nothing.
/// </summary>
public sealed class FailClosedTests
{
    [Fact]
    public async Task At_start_the_base_ruleset_is_loaded_before_forwarding_is_switched_on()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        string? rulesetThen = null, forwardingThen = null;
        harness.Engine.BeforeForwarding = () =>
        {
            rulesetThen = harness.Ruleset();
            forwardingThen = Forwarding(harness);
        };

        await harness.Engine.StartAsync();

        Assert.Contains(BaseRuleset.Comment, rulesetThen, StringComparison.Ordinal);
        Assert.Equal("0", forwardingThen);
        Assert.Equal("1", Forwarding(harness));
        Assert.Equal("1", harness.Namespace.Exec("cat", "/proc/sys/net/ipv6/conf/all/forwarding").Trim());
        Assert.Contains("type filter hook forward priority filter; policy drop;", harness.Ruleset(), StringComparison.Ordinal);
        Assert.Null(harness.Engine.FailClosed);
    }

    [Fact]
    public async Task Right_after_start_a_packet_between_two_clients_is_not_forwarded()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        using var clients = new TwoClients(harness);
        TwoClients.AddressRouterByHand(harness);

        await harness.Engine.StartAsync();

        Assert.False(TwoClients.Ping(clients.First, TwoClients.SecondAddress), "forwarded with no configuration applied");
        // The control: forwarding is on and the path works; only the base table stopped the packet.
        harness.Namespace.Exec("nft", "delete", "table", "inet", "routeros");
        await Poll.UntilAsync(() => TwoClients.Ping(clients.First, TwoClients.SecondAddress), "the ping forwarded once the table is gone");
    }

    [Fact]
    public async Task A_stored_configuration_naming_a_missing_port_keeps_the_last_ruleset_and_says_why()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null)).Applied);
        // A hardware change: the port is gone when the engine restarts; the kernel still has the table.
        harness.Namespace.Exec("ip", "link", "del", "lan0");

        await harness.RestartAsync();

        var held = harness.Engine.FailClosed;
        Assert.NotNull(held);
        Assert.Equal(1, held.Revision);
        Assert.False(held.BaseRuleset);
        Assert.Contains(held.Findings, finding => finding.Path == "ports[lan0]");
        Assert.Contains("revision 1", held.Reason, StringComparison.Ordinal);
        Assert.Contains("oifname \"wan0\" masquerade", harness.Ruleset(), StringComparison.Ordinal);
        Assert.Equal("1", Forwarding(harness));

        var withoutLan = Configs.Parse(Configs.LabRouter) with { Ports = [.. Configs.Parse(Configs.LabRouter).Ports.Where(port => port.Name.ToString() == "wan0")], Bridges = default, Addresses = default, Routes = default, Firewall = null };
        Assert.True((await harness.Engine.ApplyAsync(withoutLan, 2, null)).Applied);
        Assert.Null(harness.Engine.FailClosed);
    }

    [Fact]
    public async Task After_a_reboot_a_stored_configuration_that_no_longer_plans_leaves_the_base_ruleset()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null)).Applied);
        // As after a reboot with a port missing: the kernel has no table and no lan0.
        harness.Namespace.Exec("ip", "link", "del", "lan0");
        harness.Namespace.Exec("nft", "flush", "ruleset");

        await harness.RestartAsync();

        Assert.True(harness.Engine.FailClosed?.BaseRuleset, harness.Engine.FailClosed?.Reason);
        Assert.Contains(BaseRuleset.Comment, harness.Ruleset(), StringComparison.Ordinal);
        Assert.DoesNotContain("masquerade", harness.Ruleset(), StringComparison.Ordinal);
        // Drift repair keeps it closed: the table deleted by hand comes back as the base.
        harness.Namespace.Exec("nft", "delete", "table", "inet", "routeros");
        Assert.Single(await harness.Engine.RepairDriftAsync());
        Assert.Contains(BaseRuleset.Comment, harness.Ruleset(), StringComparison.Ordinal);
        Assert.Empty(await harness.Engine.RepairDriftAsync());
    }

    [Fact]
    public async Task Rolling_back_the_first_commit_leaves_the_base_ruleset()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, TimeSpan.FromMinutes(5))).Applied);

        var rolledBack = await harness.Engine.RollbackAsync();

        Assert.True(rolledBack.Applied, rolledBack.Error);
        Assert.False(harness.HasLink("br-lan"));
        Assert.Contains(BaseRuleset.Comment, harness.Ruleset(), StringComparison.Ordinal);
        Assert.DoesNotContain("masquerade", harness.Ruleset(), StringComparison.Ordinal);
        Assert.Empty(await harness.Engine.RepairDriftAsync());
    }

    [Fact]
    public async Task A_failed_first_apply_leaves_the_base_ruleset()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();
        harness.Engine.FaultBefore = step => step is RouteStep;

        var result = await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null);

        Assert.False(result.Applied);
        Assert.Contains(BaseRuleset.Comment, harness.Ruleset(), StringComparison.Ordinal);
        Assert.DoesNotContain("masquerade", harness.Ruleset(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Traffic_from_or_to_an_interface_in_no_zone_is_not_forwarded()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        using var clients = new TwoClients(harness);
        await harness.Engine.StartAsync();
        var bothZoned = Router("""
            "zones": [ { "name": "a", "interfaces": [ "lan0" ] }, { "name": "b", "interfaces": [ "lan1" ] } ],
            "forwardings": [ { "from": "a", "to": "b" }, { "from": "b", "to": "a" } ]
            """);
        Assert.True((await harness.Engine.ApplyAsync(bothZoned, 1, null)).Applied);
        // The control: with both LANs in zones that forward to each other, the path works.
        await Poll.UntilAsync(() => TwoClients.Ping(clients.First, TwoClients.SecondAddress), "the ping forwarded between two zones");
        await Poll.UntilAsync(() => TwoClients.Ping(clients.Second, TwoClients.FirstAddress), "the ping forwarded back between two zones");

        var lan1InNoZone = Router("""
            "zones": [ { "name": "a", "interfaces": [ "lan0" ] }, { "name": "wan", "interfaces": [ "wan0" ] } ],
            "forwardings": [ { "from": "a", "to": "wan" } ]
            """);
        Assert.True((await harness.Engine.ApplyAsync(lan1InNoZone, 2, null)).Applied);
        Assert.False(TwoClients.Ping(clients.First, TwoClients.SecondAddress), "forwarded to an interface in no zone");
        Assert.False(TwoClients.Ping(clients.Second, TwoClients.FirstAddress), "forwarded from an interface in no zone");

        var noZones = Configs.Parse($$"""{ "schemaVersion": 1, "ports": [ { "name": "lan0" }, { "name": "lan1" } ], "addresses": {{TwoClients.RouterAddresses}} }""");
        Assert.True((await harness.Engine.ApplyAsync(noZones, 3, null)).Applied);
        Assert.False(TwoClients.Ping(clients.First, TwoClients.SecondAddress), "forwarded with no zones at all");
    }

    private static Domain.Model.RouterConfig Router(string firewall) => Configs.Parse($$"""
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "lan1" }, { "name": "wan0" } ],
          "addresses": {{TwoClients.RouterAddresses}},
          "firewall": { {{firewall}} }
        }
        """);

    private static string Forwarding(EngineHarness harness) => harness.Namespace.Exec("cat", "/proc/sys/net/ipv4/ip_forward").Trim();
}

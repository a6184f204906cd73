using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Engine.Control;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Probe;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.State;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Privileged;

/// <summary>The engine against the host kernel, in a fresh network namespace per test (root only).</summary>
public sealed class ApplyTests
{
    [Fact]
    public async Task Apply_builds_bridge_addresses_route_and_ruleset()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();

        var result = await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null);

        Assert.True(result.Applied, result.Error);
        var links = harness.Links();
        Assert.Contains("br-lan", links, StringComparison.Ordinal);
        Assert.Matches(@"lan0@lan0p: .* master br-lan state UP", links);
        Assert.Contains("inet 192.168.1.1/24", harness.Namespace.Exec("ip", "addr", "show", "dev", "br-lan"), StringComparison.Ordinal);
        Assert.Contains("default via 203.0.113.1 dev wan0 proto 200", harness.Namespace.Exec("ip", "route"), StringComparison.Ordinal);
        var ruleset = harness.Ruleset();
        Assert.Contains("table inet routeros", ruleset, StringComparison.Ordinal);
        Assert.Contains("oifname \"wan0\" meta nfproto ipv4 masquerade", ruleset, StringComparison.Ordinal);
        Assert.Contains("iifname \"br-lan\" oifname \"wan0\" accept", ruleset, StringComparison.Ordinal);
        Assert.Contains("tcp option maxseg size set rt mtu", ruleset, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reapplying_the_same_configuration_makes_no_kernel_writes()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();
        var config = Configs.Parse(Configs.LabRouter);
        Assert.True((await harness.Engine.ApplyAsync(config, 1, null)).Applied);

        var again = await harness.Engine.ApplyAsync(config, 2, null);

        Assert.True(again.Applied, again.Error);
        Assert.True(again.Plan.Steps.Count == 0, again.Plan.ToString());
        Assert.Equal(0, again.KernelWrites);
    }

    [Fact]
    public async Task An_edit_changes_links_live_without_recreating_them()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null)).Applied);
        var bridgeIndex = harness.IndexOf("br-lan");

        var edited = Configs.Parse(Configs.LabRouter.Replace("""{ "name": "lan0" }, { "name": "wan0" }""",
            """{ "name": "lan0", "mtu": 1400 }, { "name": "lan1", "mtu": 1400 }, { "name": "wan0" }""", StringComparison.Ordinal)
            .Replace("""[ { "name": "lan0" } ]""", """[ { "name": "lan0" }, { "name": "lan1" } ]""", StringComparison.Ordinal));
        var result = await harness.Engine.ApplyAsync(edited, 2, null);

        Assert.True(result.Applied, result.Error);
        Assert.DoesNotContain(result.Plan.Steps, step => step is DeleteLinkStep or CreateBridgeStep);
        Assert.Equal(bridgeIndex, harness.IndexOf("br-lan"));
        Assert.Matches(@"lan1@lan1p: .* mtu 1400 .* master br-lan", harness.Links());
    }

    [Fact]
    public async Task Removing_a_bridge_from_the_configuration_deletes_it_but_never_an_unnamed_device()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();
        harness.Namespace.Exec("ip", "link", "add", "br-other", "type", "bridge");
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null)).Applied);

        var withoutBridge = Configs.Parse(Configs.LabRouter) with { Bridges = default, Addresses = default, Routes = default, Firewall = null };
        var result = await harness.Engine.ApplyAsync(withoutBridge, 2, null);

        Assert.True(result.Applied, result.Error);
        Assert.False(harness.HasLink("br-lan"));
        Assert.True(harness.HasLink("br-other"));
        Assert.DoesNotMatch("lan0@lan0p: .* master", harness.Links());
    }

    [Fact]
    public async Task Drift_is_repaired_and_reported()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null)).Applied);
        harness.Namespace.Exec("ip", "link", "del", "br-lan");
        harness.Namespace.Exec("nft", "delete", "table", "inet", "routeros");

        var repaired = await harness.Engine.RepairDriftAsync();

        Assert.Contains(repaired, step => step is CreateBridgeStep { Name: "br-lan" });
        Assert.Contains(repaired, step => step is RulesetStep);
        Assert.True(harness.HasLink("br-lan"));
        Assert.Contains("inet 192.168.1.1/24", harness.Namespace.Exec("ip", "addr", "show", "dev", "br-lan"), StringComparison.Ordinal);
        Assert.Contains("masquerade", harness.Ruleset(), StringComparison.Ordinal);
        var second = await harness.Engine.RepairDriftAsync();
        Assert.True(second.Count == 0, string.Join("\n", second));
    }

    [Fact]
    public async Task A_kernel_refusal_is_reported_against_the_configuration_path()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();
        // The gateway is not on any connected network: the kernel answers ENETUNREACH.
        var config = Configs.Parse(Configs.LabRouter.Replace("\"gateway\": \"203.0.113.1\"", "\"gateway\": \"198.51.100.1\"", StringComparison.Ordinal));

        var result = await harness.Engine.ApplyAsync(config, 1, null);

        Assert.False(result.Applied);
        Assert.Equal("routes[0.0.0.0/0]", result.ErrorPath);
        Assert.Contains("unreachable", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(harness.HasLink("br-lan"));
    }

    [Fact]
    public async Task A_ruleset_the_kernel_refuses_stops_the_apply_before_any_change()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        using (var probe = new RouterKernel(harness.Namespace.Name))
        {
            Assert.SkipWhen(probe.Run(CapabilityProbe.Run).Flowtable, "this kernel has flowtables, so it would accept the ruleset this test needs refused");
        }
        // Not started: the engine assumes every capability, so only the kernel's dry run can refuse the flowtable.
        var config = Configs.Parse(Configs.LabRouter.Replace("\"firewall\"", """
            "flowtables": [ { "name": "ft", "devices": [ "lan0", "wan0" ] } ],
            "firewall"
            """, StringComparison.Ordinal));

        var plan = await harness.Engine.PlanAsync(config);
        var result = await harness.Engine.ApplyAsync(config, 1, null);

        // The plan preview shows the kernel's refusal at the object it concerns, with nothing to run.
        var refusal = Assert.Single(plan.Findings, finding => finding.Severity == Domain.Verification.Severity.Error);
        Assert.Equal("flowtables[ft]", refusal.Path);
        Assert.Empty(plan.Steps);
        Assert.False(result.Applied);
        Assert.True(result.ErrorPath == "flowtables[ft]", $"{result.ErrorPath}: {result.Error}");
        Assert.False(harness.HasLink("br-lan"));
        Assert.DoesNotContain("203.0.113.2", harness.Namespace.Exec("ip", "addr"), StringComparison.Ordinal);
        // Nothing was ever applied: the base ruleset, never the refused table nor an open router.
        Assert.Contains(Nft.BaseRuleset.Comment, harness.Ruleset(), StringComparison.Ordinal);
        Assert.DoesNotContain("flowtable", harness.Ruleset(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counters_moving_with_traffic_are_not_drift()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var testbed = new FlowTestbed();
        var state = Directory.CreateTempSubdirectory("routeros-engine-test-").FullName;
        try
        {
            using var kernel = new RouterKernel(testbed.Router.Name);
            using var engine = new RouterEngine(kernel, new EngineStateStore(state), TimeProvider.System, NullLogger<RouterEngine>.Instance);
            await engine.StartAsync();
            Assert.True((await engine.ApplyAsync(Configs.Parse("""
            {
              "schemaVersion": 1,
              "ports": [ { "name": "lan0" }, { "name": "wan0" } ],
              "addresses": [ { "device": "lan0", "address": "10.1.0.1/24" }, { "device": "wan0", "address": "10.2.0.1/24" } ],
              "firewall": {
                "zones": [ { "name": "lan", "interfaces": [ "lan0" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ] } ],
                "forwardings": [ { "from": "lan", "to": "wan" } ]
              }
            }
            """), 1, null)).Applied);

            testbed.SendUdp(sourcePort: 43000, count: 3, payload: 10);

            Assert.Matches("counter packets [1-9][0-9]* bytes [0-9]+ comment \"classic path\"", testbed.Router.Exec("nft", "list", "chain", "inet", "routeros", "forward"));
            Assert.Empty(await engine.RepairDriftAsync());
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task The_kernel_takes_every_kind_of_offload_rule_condition()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var harness = new EngineHarness();
        await harness.Engine.StartAsync();
        // `never` rules need no flowtable, so this kernel (without nf_flow_table) can load them.
        var config = Configs.Parse(Configs.LabRouter.Replace("\"firewall\"", """
            "offloadPolicy": [
              { "name": "voip", "action": "never", "match": { "protocol": "udp", "destinationPorts": [ 5060, "10000-20000" ] } },
              { "name": "nas", "action": "never", "match": { "protocol": "tcp", "inputInterface": "br-lan", "outputInterface": "wan0",
                "source": "192.168.1.0/24", "destination": "203.0.113.0/24" } },
              { "name": "v6", "action": "never", "match": { "destination": "2001:db8::/32", "dscp": 46 } },
              { "name": "marked", "action": "never", "match": { "dscp": 10 } }
            ],
            "firewall"
            """, StringComparison.Ordinal));

        var result = await harness.Engine.ApplyAsync(config, 1, null);

        Assert.True(result.Applied, $"{result.ErrorPath}: {result.Error}");
        Assert.Contains("ct direction reply iifname \"wan0\" oifname \"br-lan\"", harness.Ruleset(), StringComparison.Ordinal);
    }
}

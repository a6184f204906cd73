using RouterOS.Engine.Nft;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Control;

/// <summary>
/// The engine fails closed: a ruleset is in place before forwarding is on, a stored configuration
/// that no longer plans keeps the last or the base ruleset and says why, "nothing" is the base
/// ruleset. On the recording fake kernel; the packets are in Privileged/FailClosedTests.
/// </summary>
public sealed class FailClosedTests
{
    [Fact]
    public async Task At_start_the_base_ruleset_is_loaded_before_forwarding_is_switched_on()
    {
        using var harness = new FakeEngineHarness();
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
        Assert.Equal("1", harness.Sysctl("net/ipv6/conf/all/forwarding"));
        Assert.Contains("type filter hook forward priority filter; policy drop;", harness.Ruleset(), StringComparison.Ordinal);
        Assert.Null(harness.Engine.FailClosed);
    }

    [Fact]
    public async Task A_stored_configuration_naming_a_missing_port_keeps_the_last_ruleset_and_says_why()
    {
        using var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null)).Applied);
        // A hardware change: the port is gone when the engine restarts; the kernel still has the table.
        harness.Kernel.Rtnetlink.DeleteBehindTheEngine("lan0");

        await harness.RestartAsync();

        var held = harness.Engine.FailClosed;
        Assert.NotNull(held);
        Assert.Equal(1, held.Revision);
        Assert.False(held.BaseRuleset);
        Assert.Contains(held.Findings, finding => finding.Path == "ports[lan0]");
        Assert.Contains("revision 1", held.Reason, StringComparison.Ordinal);
        // The table as the engine loaded it (the kernel lists a one-name set without braces).
        Assert.Contains("oifname { \"wan0\" } meta nfproto ipv4 masquerade", harness.Ruleset(), StringComparison.Ordinal);
        Assert.Equal("1", Forwarding(harness));

        var withoutLan = Configs.Parse(Configs.LabRouter) with { Ports = [.. Configs.Parse(Configs.LabRouter).Ports.Where(port => port.Name.ToString() == "wan0")], Bridges = default, Addresses = default, Routes = default, Firewall = null };
        Assert.True((await harness.Engine.ApplyAsync(withoutLan, 2, null)).Applied);
        Assert.Null(harness.Engine.FailClosed);
    }

    [Fact]
    public async Task After_a_reboot_a_stored_configuration_that_no_longer_plans_leaves_the_base_ruleset()
    {
        using var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null)).Applied);
        // As after a reboot with a port missing: the kernel has no table and no lan0.
        harness.Kernel.Rtnetlink.DeleteBehindTheEngine("lan0");
        harness.Kernel.Nft.DeleteBehindTheEngine();

        await harness.RestartAsync();

        Assert.True(harness.Engine.FailClosed?.BaseRuleset, harness.Engine.FailClosed?.Reason);
        Assert.Contains(BaseRuleset.Comment, harness.Ruleset(), StringComparison.Ordinal);
        Assert.DoesNotContain("masquerade", harness.Ruleset(), StringComparison.Ordinal);
        // Drift repair keeps it closed: the table deleted by hand comes back as the base.
        harness.Kernel.Nft.DeleteBehindTheEngine();
        Assert.Single(await harness.Engine.RepairDriftAsync());
        Assert.Contains(BaseRuleset.Comment, harness.Ruleset(), StringComparison.Ordinal);
        Assert.Empty(await harness.Engine.RepairDriftAsync());
    }

    [Fact]
    public async Task Rolling_back_the_first_commit_leaves_the_base_ruleset()
    {
        using var harness = new FakeEngineHarness();
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
        using var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        harness.Engine.FaultBefore = step => step is RouteStep;

        var result = await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null);

        Assert.False(result.Applied);
        Assert.Contains(BaseRuleset.Comment, harness.Ruleset(), StringComparison.Ordinal);
        Assert.DoesNotContain("masquerade", harness.Ruleset(), StringComparison.Ordinal);
    }

    private static string Forwarding(FakeEngineHarness harness) => harness.Sysctl("net/ipv4/ip_forward");
}

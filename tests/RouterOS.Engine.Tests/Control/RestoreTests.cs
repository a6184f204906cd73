using RouterOS.Engine.Kernel;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Control;

/// <summary>
/// A step that fails in the middle of an apply puts the previous state back: what the attempt
/// created is deleted and every link gets back its settings. On the recording fake kernel; the
/// privileged ApplyTests prove a real kernel refusal is reported against its configuration path.
/// </summary>
public sealed class RestoreTests
{
    [Fact]
    public async Task A_failure_in_the_middle_of_an_apply_restores_the_previous_state()
    {
        using var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        var first = Configs.Parse(Configs.LabRouter) with { Bridges = default, Firewall = null, Routes = default, Addresses = default };
        Assert.True((await harness.Engine.ApplyAsync(first, 1, null)).Applied);
        var rulesetBefore = harness.Ruleset();

        // The bridge, its port and address are done when the route step fails.
        harness.Engine.FaultBefore = step => step is RouteStep;
        var result = await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 2, null);

        Assert.False(result.Applied);
        Assert.Equal("routes[0.0.0.0/0]", result.ErrorPath);
        Assert.Contains("restored", result.Error, StringComparison.Ordinal);
        Assert.False(harness.HasLink("br-lan"));
        Assert.DoesNotContain("203.0.113.2", harness.AddressList(), StringComparison.Ordinal);
        Assert.Equal(rulesetBefore, harness.Ruleset());
        Assert.Equal(1, harness.Engine.Applied?.Revision);
    }

    [Fact]
    public async Task A_failed_first_apply_puts_the_ports_back_as_they_were()
    {
        using var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        var before = harness.LinkLine("wan0");
        Assert.Contains("mtu 1500", before, StringComparison.Ordinal);
        Assert.Contains("state DOWN", before, StringComparison.Ordinal);
        var config = Configs.Parse(Configs.LabRouter.Replace("{ \"name\": \"wan0\" }", "{ \"name\": \"wan0\", \"mtu\": 1400 }", StringComparison.Ordinal));

        // wan0 is up with MTU 1400 and lan0 is in br-lan when the route step fails.
        harness.Engine.FaultBefore = step => step is RouteStep;
        var result = await harness.Engine.ApplyAsync(config, 1, null);

        Assert.False(result.Applied);
        var after = harness.LinkLine("wan0");
        Assert.Contains("mtu 1500", after, StringComparison.Ordinal);
        Assert.Contains("state DOWN", after, StringComparison.Ordinal);
        Assert.DoesNotContain("master", harness.LinkLine("lan0"), StringComparison.Ordinal);
        Assert.False(harness.HasLink("br-lan"));
    }

    [Fact]
    public async Task A_write_the_kernel_refuses_fails_the_apply_at_its_path_and_the_first_apply_leaves_the_base_ruleset()
    {
        using var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        harness.Kernel.Rtnetlink.Refuse = operation => operation.StartsWith("add address 203.0.113.2/24", StringComparison.Ordinal) ? KernelException.EADDRNOTAVAIL : null;

        var result = await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null);

        Assert.False(result.Applied);
        Assert.Equal("addresses[203.0.113.2/24]", result.ErrorPath);
        Assert.Contains("restored", result.Error, StringComparison.Ordinal);
        Assert.False(harness.HasLink("br-lan"));
        Assert.DoesNotContain("192.168.1.1", harness.AddressList(), StringComparison.Ordinal);
        Assert.Contains(Nft.BaseRuleset.Comment, harness.Ruleset(), StringComparison.Ordinal);
        Assert.Null(harness.Engine.Applied);
    }
}

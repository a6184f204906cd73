using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Control;

/// <summary>Commit-confirm kept by the engine itself: no API takes part in these tests.</summary>
public sealed class ConfirmTests
{
    [Fact]
    public async Task An_unconfirmed_revision_is_rolled_back_at_its_deadline()
    {
        using var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        var confirmed = Configs.Parse(Configs.LabRouter) with { Bridges = default, Addresses = default, Routes = default, Firewall = null };
        Assert.True((await harness.Engine.ApplyAsync(confirmed, 1, null)).Applied);
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 2, TimeSpan.FromSeconds(60))).Applied);
        Assert.True(harness.HasLink("br-lan"));

        harness.Time.Advance(TimeSpan.FromSeconds(61));

        await Poll.UntilAsync(() => !harness.HasLink("br-lan") && harness.Engine.Pending is null, "the rollback at the deadline");
        Assert.Equal(1, harness.Engine.Applied?.Revision);
        Assert.DoesNotContain("masquerade", harness.Ruleset(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmed_revision_stays_after_its_deadline()
    {
        using var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, TimeSpan.FromSeconds(60))).Applied);

        Assert.Null(await harness.Engine.ConfirmAsync(1));
        harness.Time.Advance(TimeSpan.FromSeconds(120));

        Assert.True(harness.HasLink("br-lan"));
        Assert.Equal(1, harness.Engine.Confirmed?.Revision);
    }

    [Fact]
    public async Task After_a_restart_past_the_deadline_the_engine_puts_back_the_last_confirmed_configuration()
    {
        using var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null)).Applied);
        var withoutRoute = Configs.Parse(Configs.LabRouter) with { Routes = default };
        Assert.True((await harness.Engine.ApplyAsync(withoutRoute, 2, TimeSpan.FromMinutes(5))).Applied);
        // As after a reboot: the kernel state is gone.
        harness.Kernel.Rtnetlink.DeleteBehindTheEngine("br-lan");
        harness.Kernel.Nft.DeleteBehindTheEngine();

        // The engine was down across the deadline (six minutes, the window was five).
        await harness.RestartAsync(downFor: TimeSpan.FromMinutes(6));

        Assert.True(harness.HasLink("br-lan"));
        Assert.Contains("default via 203.0.113.1", harness.RouteList(), StringComparison.Ordinal);
        Assert.Equal(1, harness.Engine.Applied?.Revision);
        Assert.Null(harness.Engine.Pending);
    }
}

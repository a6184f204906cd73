using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Control;

/// <summary>A commit waiting for confirmation outlives an engine restart within its window.</summary>
public sealed class RestartTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_pending_revision_is_applied_again_after_a_restart_and_can_still_be_confirmed()
    {
        using var harness = new FakeEngineHarness();
        var deadline = await CommitPendingWithoutRouteAsync(harness);
        // As after a reboot: the kernel state is gone.
        harness.Kernel.Rtnetlink.DeleteBehindTheEngine("br-lan");
        harness.Kernel.Nft.DeleteBehindTheEngine();

        await harness.RestartAsync(downFor: TimeSpan.FromMinutes(2));

        Assert.Equal(2, harness.Engine.Applied?.Revision);
        Assert.Equal(new State.PendingConfirm(2, deadline), harness.Engine.Pending);
        Assert.True(harness.HasLink("br-lan"));
        Assert.DoesNotContain("default via 203.0.113.1", harness.RouteList(), StringComparison.Ordinal);
        Assert.Null(await harness.Engine.ConfirmAsync(2));
        Assert.Equal(2, harness.Engine.Confirmed?.Revision);
        Assert.Null(harness.Engine.Pending);
    }

    [Fact]
    public async Task A_pending_revision_resumed_after_a_restart_is_rolled_back_at_its_original_deadline()
    {
        using var harness = new FakeEngineHarness();
        await CommitPendingWithoutRouteAsync(harness);

        await harness.RestartAsync(downFor: TimeSpan.FromMinutes(2));
        Assert.Equal(2, harness.Engine.Applied?.Revision);
        // Three minutes of the window are left (a full new window would not end here).
        harness.Time.Advance(TimeSpan.FromSeconds(181));

        await Poll.UntilAsync(() => harness.Engine.Pending is null && harness.Engine.Applied?.Revision == 1, "the rollback at the original deadline");
        Assert.Contains("default via 203.0.113.1", harness.RouteList(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pending_first_commit_whose_deadline_passed_while_the_engine_was_down_is_rolled_back()
    {
        using var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, Window)).Applied);

        await harness.RestartAsync(downFor: Window + TimeSpan.FromSeconds(1));

        Assert.Null(harness.Engine.Pending);
        Assert.False(harness.HasLink("br-lan"));
        Assert.DoesNotContain("masquerade", harness.Ruleset(), StringComparison.Ordinal);
    }

    /// <returns>The deadline of revision 2, which drops the default route of confirmed revision 1.</returns>
    private static async Task<DateTimeOffset> CommitPendingWithoutRouteAsync(FakeEngineHarness harness)
    {
        await harness.Engine.StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 1, null)).Applied);
        var withoutRoute = Configs.Parse(Configs.LabRouter) with { Routes = default };
        Assert.True((await harness.Engine.ApplyAsync(withoutRoute, 2, Window)).Applied);
        Assert.DoesNotContain("default via 203.0.113.1", harness.RouteList(), StringComparison.Ordinal);
        return harness.Engine.Pending!.Deadline;
    }
}

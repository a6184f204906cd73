using RouterOS.Engine.Control;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Control;

/// <summary>Applies, confirms, rollbacks and drift repairs run one at a time, each from start to save.</summary>
public sealed class SerialisationTests
{
    [Fact]
    public async Task A_drift_repair_started_during_an_apply_sees_the_new_configuration()
    {
        using var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        var first = Configs.Parse(Configs.LabRouter) with { Bridges = default, Firewall = null, Routes = default, Addresses = default };
        Assert.True((await harness.Engine.ApplyAsync(first, 1, null)).Applied);
        using var paused = new StepPause(harness.Engine, step => step is CreateBridgeStep);

        var apply = harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 2, null);
        await paused.Reached;
        var repair = harness.Engine.RepairDriftAsync();
        paused.Release();

        Assert.True((await apply).Applied);
        var repaired = await repair;
        Assert.True(repaired.Count == 0, "the repair undid the apply:\n" + string.Join("\n", repaired));
        Assert.True(harness.HasLink("br-lan"));
        Assert.Contains("masquerade", harness.Ruleset(), StringComparison.Ordinal);
        Assert.Equal(2, harness.Engine.Applied?.Revision);
    }

    [Fact]
    public async Task A_confirm_that_arrives_during_the_deadline_rollback_is_refused_not_lost()
    {
        using var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        var confirmed = Configs.Parse(Configs.LabRouter) with { Bridges = default, Addresses = default, Routes = default, Firewall = null };
        Assert.True((await harness.Engine.ApplyAsync(confirmed, 1, null)).Applied);
        Assert.True((await harness.Engine.ApplyAsync(Configs.Parse(Configs.LabRouter), 2, TimeSpan.FromSeconds(60))).Applied);
        using var paused = new StepPause(harness.Engine, step => step is DeleteLinkStep);

        harness.Time.Advance(TimeSpan.FromSeconds(61));
        await paused.Reached;
        var confirm = harness.Engine.ConfirmAsync(2);
        paused.Release();

        Assert.NotNull(await confirm);
        await Poll.UntilAsync(() => harness.Engine.Pending is null && harness.Engine.Applied?.Revision == 1, "the rollback at the deadline");
        Assert.Equal(1, harness.Engine.Confirmed?.Revision);
        Assert.False(harness.HasLink("br-lan"));
    }

    /// <summary>Holds the engine's kernel thread before the first step that matches, until released.</summary>
    private sealed class StepPause : IDisposable
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _release = new();

        public StepPause(RouterEngine engine, Func<PlanStep, bool> match) => engine.FaultBefore = step =>
        {
            if (match(step) && _reached.TrySetResult())
            {
                _release.Wait(TestContext.Current.CancellationToken);
            }
            return false;
        };

        public Task Reached => _reached.Task;

        public void Release() => _release.Set();

        public void Dispose()
        {
            _release.Set();
            _release.Dispose();
        }
    }
}

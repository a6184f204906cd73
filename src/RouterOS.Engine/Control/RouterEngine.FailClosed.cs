using RouterOS.Engine.Nft;
using RouterOS.Engine.Reconcile;

namespace RouterOS.Engine.Control;

/// <summary>The engine's part in failing closed: what it holds when the stored configuration cannot be restored, and why.</summary>
public sealed partial class RouterEngine
{
    /// <summary>Set while the firewall is held closed because the stored configuration could not be restored; null otherwise.</summary>
    public FailClosedState? FailClosed { get; private set; }

    /// <summary>For tests: runs at start once the engine's table is in place, just before forwarding is switched on.</summary>
    internal Action? BeforeForwarding { get; set; }

    /// <summary>
    /// The stored configuration did not restore: the kernel keeps the last ruleset the engine
    /// loaded if it still lists it, or gets the base ruleset; never an open router. Says why.
    /// </summary>
    private async Task HoldClosedAsync(long revision, ApplyResult result)
    {
        var baseLoaded = await _kernel.RunAsync(session => ClosedFirewall.Hold(session, _store));
        FailClosed = FailClosedState.From(revision, result, baseLoaded || ClosedFirewall.HoldsBase(_store), _time.GetUtcNow());
        LogFailClosed(FailClosed.Reason);
    }

    /// <summary>
    /// Drift repair while held closed: the configuration cannot be re-applied (that is why it is
    /// held), so only the held table is kept: edited or deleted by hand, the base goes back.
    /// </summary>
    private async Task<IReadOnlyList<PlanStep>> KeepClosedAsync()
    {
        if (!await _kernel.RunAsync(session => ClosedFirewall.Hold(session, _store)))
        {
            return [];
        }
        var step = new RulesetStep("ruleset", BaseRuleset.Text, ChangeClass.AppliedLive, "load the base ruleset: the firewall is held closed and its table had changed");
        LogDrift(step.ToString());
        FailClosed = FailClosed! with { BaseRuleset = true };
        return [step];
    }

    [LoggerMessage(LogLevel.Error, "Firewall held closed: {Reason}")]
    private partial void LogFailClosed(string reason);
}

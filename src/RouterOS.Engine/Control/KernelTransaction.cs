using RouterOS.Domain.Model;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Probe;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.State;

namespace RouterOS.Engine.Control;

/// <summary>
/// One configuration into the kernel, all or nothing: read the kernel, plan, run the plan; when a
/// step fails, put the previous state back. Saves what the kernel now runs (the loaded ruleset,
/// the links' original settings). Runs on the router namespace's thread.
/// </summary>
internal sealed partial class KernelTransaction(EngineStateStore store, ILogger logger)
{
    /// <summary>For tests: return true to fail before a step, as a kernel error there would.</summary>
    public Func<PlanStep, bool>? FaultBefore { get; set; }

    /// <param name="services">What the configuration does to the supervised services (their steps end the plan); null for none.</param>
    public ApplyResult Apply(KernelSession session, RouterConfig config, Capabilities capabilities, ServiceChanges? services = null)
    {
        var previous = store.Applied?.Config;
        var before = session.Read();
        var originals = store.Originals;
        var plan = Planner.Create(config, previous, before, capabilities, store.Ruleset, originals, services);
        if (plan.HasErrors)
        {
            var first = plan.Findings.First(finding => finding.Severity == Domain.Verification.Severity.Error);
            return new ApplyResult(false, plan, first.Message, first.Path, 0);
        }
        var writesBefore = session.KernelWrites;
        var outcome = Applier.Execute(plan, session, FaultBefore);
        if (outcome.Ruleset is { } loaded)
        {
            store.SaveRuleset(loaded);
        }
        if (outcome.Succeeded)
        {
            SaveOriginals(originals, originals.After(config, previous, plan, before));
            FlushNoLongerForwarded(session, previous, config, before);
            return new ApplyResult(true, plan, null, null, session.KernelWrites - writesBefore);
        }
        LogApplyFailed(outcome.FailedStep!.ToString(), outcome.Error);
        Restore(session, previous, config, before, capabilities);
        // The services were not touched: their steps did not happen.
        var attempted = plan with { Steps = [.. plan.Steps.Where(step => step is not ServiceStep)] };
        return new ApplyResult(false, attempted, $"{outcome.FailedStep.Detail} failed: {outcome.Error}; the previous state was restored", outcome.ErrorPath,
            session.KernelWrites - writesBefore);
    }

    /// <summary>
    /// After a failed step: back to the previous configuration, deleting what the failed attempt
    /// created, then every link that was there before back to its MTU, admin state, MAC and bridge.
    /// </summary>
    private void Restore(KernelSession session, RouterConfig? previous, RouterConfig attempted, KernelState before, Capabilities capabilities)
    {
        var target = previous ?? RouterConfig.Empty;
        var plan = Planner.Create(target, Ownership.Union(previous, Ownership.CreatedBy(attempted, before)), session.Read(), capabilities, loadedRuleset: null, store.Originals);
        var steps = previous is null ? plan.Steps.Where(step => step is not RulesetStep).ToList() : plan.Steps;
        var outcome = Applier.Execute(plan with { Steps = steps }, session);
        if (previous is null)
        {
            ClosedFirewall.LoadBase(session, store);
        }
        else if (outcome.Ruleset is { } loaded)
        {
            store.SaveRuleset(loaded);
        }
        if (!outcome.Succeeded)
        {
            LogRestoreFailed(outcome.Error);
        }
        var linksBack = LinkRestore.StepsBack(before, session.Read());
        if (linksBack.Count > 0)
        {
            var back = Applier.Execute(new Plan([], linksBack, ""), session);
            if (!back.Succeeded)
            {
                LogRestoreFailed(back.Error);
            }
        }
    }

    /// <summary>Written only when something changed: a drift repair usually changes nothing.</summary>
    private void SaveOriginals(KernelOriginals was, KernelOriginals now)
    {
        if (!was.Links.SequenceEqual(now.Links))
        {
            store.SaveOriginals(now);
        }
    }

    [LoggerMessage(LogLevel.Error, "Apply failed at {Step}: {Error}; restoring the previous state")]
    private partial void LogApplyFailed(string step, string? error);

    [LoggerMessage(LogLevel.Error, "Could not restore the previous state: {Error}")]
    private partial void LogRestoreFailed(string? error);
}

/// <param name="KernelWrites">Kernel change requests this apply sent (0 for a re-apply of the same configuration).</param>
public sealed record ApplyResult(bool Applied, Plan Plan, string? Error, string? ErrorPath, long KernelWrites);

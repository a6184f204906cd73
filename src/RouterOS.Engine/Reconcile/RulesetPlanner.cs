using RouterOS.Domain.Model;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Nft;

namespace RouterOS.Engine.Reconcile;

/// <summary>
/// The nft table: reloaded whole (one atomic batch) unless the kernel still lists exactly what the
/// engine loaded last and the text it would load is the same. Someone editing or deleting the
/// table by hand changes the listing, so the next reconcile repairs it.
/// </summary>
internal static class RulesetPlanner
{
    private const string Path = "ruleset";

    public static IEnumerable<PlanStep> Plan(RouterConfig desired, RouterConfig? previous, KernelState kernel, RulesetText ruleset, LoadedRuleset? loaded)
    {
        var unchanged = loaded is not null && loaded.Table == ruleset.Table && kernel.RulesetListing == loaded.Listing;
        if (unchanged)
        {
            yield break;
        }
        var recreated = FlowtablesRecreated(desired, previous).ToList();
        var what = kernel.RulesetListing is null ? "load table inet routeros" : "replace table inet routeros atomically";
        if (loaded is not null && loaded.Table == ruleset.Table)
        {
            what += " (it was changed outside the engine)";
        }
        if (kernel.RulesetListing is not null && RuleCounters.PathsByName(desired.FirewallOrDefault).Count > 0)
        {
            what += "; the firewall rules' counters start again from zero";
        }
        if (recreated.Count > 0)
        {
            what += $"; flowtables recreated (the kernel cannot change priority or hardware offload in place): {string.Join(", ", recreated)}";
        }
        yield return new RulesetStep(Path, ruleset, recreated.Count > 0 ? ChangeClass.Recreate : ChangeClass.AppliedLive, what);
    }

    private static IEnumerable<string> FlowtablesRecreated(RouterConfig desired, RouterConfig? previous)
    {
        foreach (var flowtable in desired.Flowtables)
        {
            var before = previous?.Flowtables.FirstOrDefault(candidate => candidate.Name == flowtable.Name);
            if (before is not null && (before.EffectivePriority != flowtable.EffectivePriority || before.HardwareOffload != flowtable.HardwareOffload))
            {
                yield return ConfigPath.Item("flowtables", flowtable.Name);
            }
        }
    }
}

namespace RouterOS.Engine.Reconcile;

/// <summary>
/// Orders steps by stage (a small number per step, lowest first), each stage in the order it was
/// planned: a counting sort, linear in the steps, where sorting the tens of thousands of steps a
/// configuration at the limits plans is not.
/// </summary>
internal static class PlanStages
{
    public static PlanStep[] Order(List<PlanStep> steps, int stages, Func<PlanStep, int> stageOf)
    {
        // Where each stage starts in the result: the number of steps in the stages before it.
        var next = new int[stages + 1];
        foreach (var step in steps)
        {
            next[stageOf(step) + 1]++;
        }
        for (var stage = 1; stage < stages; stage++)
        {
            next[stage] += next[stage - 1];
        }
        var ordered = new PlanStep[steps.Count];
        foreach (var step in steps)
        {
            ordered[next[stageOf(step)]++] = step;
        }
        return ordered;
    }
}

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
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stages, byte.MaxValue + 1);
        // Each step's stage, asked once; and where each stage starts in the result: the number of
        // steps in the stages before it.
        var stageOfStep = new byte[steps.Count];
        var next = new int[stages + 1];
        for (var i = 0; i < steps.Count; i++)
        {
            stageOfStep[i] = (byte)stageOf(steps[i]);
            next[stageOfStep[i] + 1]++;
        }
        for (var stage = 1; stage < stages; stage++)
        {
            next[stage] += next[stage - 1];
        }
        var ordered = new PlanStep[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            ordered[next[stageOfStep[i]]++] = steps[i];
        }
        return ordered;
    }
}

using RouterOS.Engine.Kernel;
using RouterOS.Engine.Reconcile;

namespace RouterOS.Engine.Control;

/// <summary>Drift repair: what changed behind the engine's back is put back.</summary>
public sealed partial class RouterEngine
{
    /// <summary>Re-applies the running configuration: whatever changed behind the engine's back is put back.</summary>
    /// <returns>The steps that were needed (empty when nothing drifted).</returns>
    public Task<IReadOnlyList<PlanStep>> RepairDriftAsync() => _gate.RunAsync(RepairDriftUnderGateAsync);

    private async Task<IReadOnlyList<PlanStep>> RepairDriftUnderGateAsync()
    {
        if (FailClosed is not null)
        {
            return await KeepClosedAsync();
        }
        if (_store.Applied is not { } applied)
        {
            return [];
        }
        // One read of the kernel and one plan: the apply's own plan is the drift.
        var result = await _kernel.RunAsync(session => _transaction.Apply(session, applied.Config, Capabilities));
        if (!result.Applied)
        {
            return [];
        }
        foreach (var step in result.Plan.Steps)
        {
            LogDrift(step.ToString());
        }
        return result.Plan.Steps;
    }

    /// <summary>A drift repair after whatever operation runs now; its failure is logged, never thrown.</summary>
    private void RepairDriftLater() => _ = Task.Run(async () =>
    {
        try
        {
            await RepairDriftAsync();
        }
        catch (Exception exception) when (exception is KernelException or IOException)
        {
            LogRepairFailed(exception.Message);
        }
    });

    [LoggerMessage(LogLevel.Error, "Drift repair failed: {Error}")]
    private partial void LogRepairFailed(string error);

    [LoggerMessage(LogLevel.Warning, "Drift repaired: {Step}")]
    private partial void LogDrift(string step);
}

using RouterOS.Engine.State;

namespace RouterOS.Engine.Control;

/// <summary>What the engine puts back when it starts (after a crash, a restart or a reboot).</summary>
public sealed partial class RouterEngine
{
    /// <summary>
    /// A commit still waiting for confirmation whose deadline has not passed is applied again
    /// with the rest of its window: a confirm after the restart still works, and the rollback
    /// still comes on time. Otherwise (no commit pending, its deadline passed while the engine
    /// was down, or it no longer applies) the last confirmed configuration is put back.
    /// </summary>
    private async Task RestoreAtStartAsync()
    {
        if (_store.Pending is { } pending)
        {
            await ResumeOrRollBackAsync(pending);
            return;
        }
        if (_store.Confirmed is { } confirmed)
        {
            var result = await ApplyUnderGateAsync(confirmed.Config, confirmed.Revision, confirmWithin: null);
            if (!result.Applied)
            {
                LogRestoreFailed(confirmed.Revision, result.Error);
                await HoldClosedAsync(confirmed.Revision, result);
            }
        }
    }

    private async Task ResumeOrRollBackAsync(PendingConfirm pending)
    {
        var remaining = pending.Deadline - _time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            LogPendingExpired(pending.Revision, pending.Deadline);
        }
        else if (_store.Applied is not { } applied || applied.Revision != pending.Revision)
        {
            // Not expected: the pending revision is saved as applied in the same operation.
            LogPendingLost(pending.Revision);
        }
        else
        {
            var resumed = await ApplyUnderGateAsync(applied.Config, applied.Revision, remaining);
            if (resumed.Applied)
            {
                LogPendingResumed(pending.Revision, pending.Deadline);
                return;
            }
            LogRestoreFailed(pending.Revision, resumed.Error);
        }
        // The rollback the deadline would have done: the confirmed configuration, or none.
        var result = await RollbackUnderGateAsync();
        if (!result.Applied)
        {
            LogRestoreFailed(_store.Confirmed?.Revision ?? 0, result.Error);
            await HoldClosedAsync(_store.Confirmed?.Revision ?? 0, result);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Revision {Revision} is waiting for confirmation until {Deadline}: applied again, and rolled back then unless confirmed")]
    private partial void LogPendingResumed(long revision, DateTimeOffset deadline);

    [LoggerMessage(LogLevel.Warning, "Revision {Revision} was not confirmed by its deadline {Deadline}, which passed while the engine was stopped: the last confirmed configuration is put back")]
    private partial void LogPendingExpired(long revision, DateTimeOffset deadline);

    [LoggerMessage(LogLevel.Warning, "Revision {Revision} was waiting for confirmation but is not the applied one: the last confirmed configuration is put back")]
    private partial void LogPendingLost(long revision);
}

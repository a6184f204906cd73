using RouterOS.Api.Store;

namespace RouterOS.Api.Commits;

/// <summary>
/// Rolls back a commit that is not confirmed by its deadline. The deadline is in the store, so a
/// restarted API picks it up again and still rolls back on time (or at once, if it passed while
/// the API was down). A failed check (even a timeout's cancellation) is logged and tried again.
/// </summary>
public sealed class RollbackWatcher(IServiceScopeFactory scopes, PendingCommitSignal signal, TimeProvider time, ILogger<RollbackWatcher> log) : BackgroundService
{
    // Wake now and then even without a signal, so a missed one costs at most this long.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            var checkedAt = time.GetUtcNow();
            try
            {
                sleep = await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                CommitLog.WatchFailed(log, e);
                sleep = TimeSpan.FromSeconds(5);
            }
            try
            {
                await signal.WaitAsync(sleep, time, stoppingToken, onSleeping: () => Sleeping = new WatcherSleep(checkedAt, checkedAt + sleep));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The check the watcher last made and when it wakes next, set once its timer is running. Tests
    /// wait on this instead of a fixed delay: a fake clock advanced before the timer exists would
    /// leave the timer due later than the deadline.
    /// </summary>
    internal WatcherSleep? Sleeping { get; private set; }

    /// <summary>Rolls back an overdue commit; returns how long to sleep until the next deadline.</summary>
    internal async Task<TimeSpan> CheckAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var revisions = scope.ServiceProvider.GetRequiredService<RevisionStore>();
        var pending = await revisions.PendingAsync(cancellationToken);
        if (pending?.ConfirmDeadline is not { } deadline)
            return LongestSleep;
        var left = deadline - time.GetUtcNow();
        if (left > TimeSpan.Zero)
            return left < LongestSleep ? left : LongestSleep;
        var commits = scope.ServiceProvider.GetRequiredService<CommitService>();
        var rolledBack = await commits.RollbackPendingAsync($"not confirmed by its deadline {deadline:u}", cancellationToken);
        // Nobody asked for this one, so no request records it: the router writes it in the audit log itself.
        await scope.ServiceProvider.GetRequiredService<Auth.AuditTrail>()
            .RecordEventAsync($"rolled back revision {rolledBack.Number} automatically: it was not confirmed by its deadline; {Auth.AuditWords.RunsAgain(rolledBack.PreviousNumber)}");
        return TimeSpan.Zero;
    }
}

/// <param name="CheckedAt">When the watcher last looked for an overdue commit.</param>
/// <param name="WakeAt">When it looks again unless a commit or confirm wakes it first.</param>
internal sealed record WatcherSleep(DateTimeOffset CheckedAt, DateTimeOffset WakeAt);

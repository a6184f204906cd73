using RouterOS.Engine.State;

namespace RouterOS.Engine.Control;

/// <summary>
/// The commit-confirm timer: calls <paramref name="expired"/> at a pending commit's deadline (at
/// once when it has passed), unless disarmed or armed for another first. The caller checks,
/// behind its gate, that the commit it was armed for is still the pending one.
/// </summary>
internal sealed class ConfirmDeadline(TimeProvider time, Func<PendingConfirm, Task> expired) : IDisposable
{
    private readonly Lock _lock = new();
    private ITimer? _timer;

    /// <param name="pending">The commit waiting for confirmation; null disarms.</param>
    public void Arm(PendingConfirm? pending)
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = pending is null ? null : time.CreateTimer(_ => _ = expired(pending), null,
                TimeSpan.FromTicks(Math.Max(0, (pending.Deadline - time.GetUtcNow()).Ticks)), Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose() => Arm(null);
}

namespace RouterOS.Api.Commits;

/// <summary>One commit, confirm or rollback at a time in the whole process.</summary>
public sealed class CommitGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Turn(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Turn(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                semaphore.Release();
        }
    }
}

/// <summary>Wakes the rollback watcher when a pending commit appears or goes.</summary>
public sealed class PendingCommitSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by a concurrent caller: one wake-up is enough.
            }
        }
    }

    public void Dispose() => _signal.Dispose();

    /// <summary>
    /// Returns when notified or when <paramref name="timeout"/> passes on <paramref name="time"/>.
    /// The losing wait is cancelled, so an abandoned semaphore wait cannot swallow a later signal.
    /// <paramref name="onSleeping"/> runs once both waits are armed.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken, Action? onSleeping = null)
    {
        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _signal.WaitAsync(race.Token);
        var timedOut = Task.Delay(timeout, time, race.Token);
        onSleeping?.Invoke();
        await Task.WhenAny(signalled, timedOut);
        await race.CancelAsync();
        await Quietly(signalled);
        await Quietly(timedOut);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The loser of the race, cancelled on purpose.
        }
    }
}

namespace RouterOS.Engine.Control;

/// <summary>
/// One operation on the running configuration at a time: an apply, a confirm, a rollback, a drift
/// repair, the restore at start. Each reads the stored configurations, changes the kernel and the
/// services, and saves what now runs. The namespace thread serialises only their kernel steps;
/// without this gate a drift repair could re-apply the old configuration between an apply's
/// kernel step and its save, undoing it.
/// </summary>
/// <remarks>
/// Not re-entrant: code that runs inside an operation (the services an apply starts or stops,
/// and their callbacks) must not wait for it, or the operation waits for itself.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "Without AvailableWaitHandle a SemaphoreSlim holds nothing to release, and a deadline timer firing during shutdown must find it usable.")]
internal sealed class OperationGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public Task RunAsync(Func<Task> operation) => RunAsync(async () =>
    {
        await operation().ConfigureAwait(false);
        return true;
    });

    public async Task<T> RunAsync<T>(Func<Task<T>> operation)
    {
        await _semaphore.WaitAsync().ConfigureAwait(false);
        try
        {
            return await operation().ConfigureAwait(false);
        }
        finally
        {
            _semaphore.Release();
        }
    }
}

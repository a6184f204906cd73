namespace RouterOS.Engine.Hosting;

/// <summary>
/// Runs a repair at every tick until stopped. A repair that throws is logged and the loop carries
/// on: a background loop that ends on an exception would stop the engine's host, and with it
/// the router's management.
/// </summary>
internal static partial class DriftRepairLoop
{
    public static async Task RunAsync(Func<Task> repair, TimeSpan interval, TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await repair();
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogRepairFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(LogLevel.Error, "Drift repair failed; trying again at the next interval")]
    private static partial void LogRepairFailed(ILogger logger, Exception exception);
}

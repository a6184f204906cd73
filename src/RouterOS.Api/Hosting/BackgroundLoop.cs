namespace RouterOS.Api.Hosting;

/// <summary>
/// Runs a background service's rounds until the host stops. A round that throws is logged and the
/// loop goes on after a pause: no fault in a background task may stop the API, and with it the
/// dashboard and REST (ASP.NET Core's default stops the whole host when a BackgroundService throws).
/// </summary>
public static partial class BackgroundLoop
{
    // Long enough that a round failing at once each time does not spin a core or flood the log.
    private static readonly TimeSpan PauseAfterFault = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(string name, Func<CancellationToken, Task> round, ILogger log, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await round(stoppingToken);
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRoundFailed(log, name, exception);
            }
            try
            {
                await Task.Delay(PauseAfterFault, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "{Name} failed; it carries on in a second")]
    private static partial void LogRoundFailed(ILogger logger, string name, Exception exception);
}

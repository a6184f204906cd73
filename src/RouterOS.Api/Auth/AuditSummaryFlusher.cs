using RouterOS.Api.Hosting;

namespace RouterOS.Api.Auth;

/// <summary>
/// Writes each minute's count of refused anonymous requests soon after the minute ends. Without it
/// the count waits for the next audit entry, so the last minute of a flood that stopped would be
/// missing from the log until someone used the router again.
/// </summary>
public sealed class AuditSummaryFlusher(AuditTrail audit, TimeProvider time, ILogger<AuditSummaryFlusher> logger) : BackgroundService
{
    // Past the minute's end, so the window being flushed is over on any clock.
    private static readonly TimeSpan AfterMinute = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundLoop.RunAsync(nameof(AuditSummaryFlusher), RoundAsync, logger, stoppingToken);

    private async Task RoundAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var nextMinute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        await Task.Delay(nextMinute - now + AfterMinute, time, stoppingToken);
        await audit.FlushSummariesAsync();
    }
}

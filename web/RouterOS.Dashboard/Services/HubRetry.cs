using Microsoft.AspNetCore.SignalR.Client;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// How every hub of the dashboard reconnects: for as long as the page is open, 0, 2, 4... seconds
/// apart and then every 10 s. SignalR's default gives up after four tries (about 42 s), after which a
/// page would go on showing its last snapshot as if it were live: an API restart or a firmware
/// upgrade takes longer than that. Each latest-value hub sends its whole state on connecting, so the
/// page is current again with the first message after the reconnect.
/// </summary>
public sealed class HubRetry : IRetryPolicy
{
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(10);

    /// <summary>The pause before try <paramref name="attempt"/> (0 for the first retry).</summary>
    public static TimeSpan Pause(long attempt) => TimeSpan.FromSeconds(Math.Min(Longest.TotalSeconds, attempt * 2));

    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        ArgumentNullException.ThrowIfNull(retryContext);
        return Pause(retryContext.PreviousRetryCount);
    }
}

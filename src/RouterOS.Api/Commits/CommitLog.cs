namespace RouterOS.Api.Commits;

/// <summary>The commit path's log lines, source-generated so a disabled level costs nothing.</summary>
internal static partial class CommitLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Revision {Revision} committed by {Actor} ({Source}); confirm window: {WindowSeconds} s")]
    public static partial void Committed(ILogger logger, long revision, string actor, string source, double? windowSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revision {Revision} confirmed by {Actor}")]
    public static partial void Confirmed(ILogger logger, long revision, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revision {Revision} rolled back: {Reason}")]
    public static partial void RolledBack(ILogger logger, long revision, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking the pending commit failed; trying again shortly")]
    public static partial void WatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revision {Revision} was being applied when the API stopped: {Outcome}")]
    public static partial void Interrupted(ILogger logger, long revision, string outcome);
}

using System.Globalization;

namespace RouterOS.Api.Engine;

/// <summary>
/// Writes an engine restart in the audit log, once per restart: told by one engine stream's follower
/// (<see cref="Uplinks.UplinkFeed"/>) that the stream broke and, later, that it delivers again. The
/// engine says when it started (<see cref="Contracts.EngineStatus.Started"/>): the same start on both sides of
/// the break is a stream that broke while the engine kept running (logged, not audited); another
/// start means the engine started again and put back what it runs (RouterEngine.RestoreAtStartAsync).
/// The failed reconnect attempts in between, and the API's own first connection, write nothing.
/// </summary>
public sealed partial class EngineRestarts(IEngineClient engine, Auth.AuditTrail audit, ILogger<EngineRestarts> logger)
{
    private const int Unseen = 0;
    private const int Up = 1;
    private const int Away = 2;
    private int _state = Unseen;
    // When the engine last seen started; null until it was asked.
    private DateTimeOffset? _started;

    /// <summary>The stream broke (called again at each failed reconnect attempt: only the first counts).</summary>
    public void StreamDown() => Interlocked.CompareExchange(ref _state, Away, Up);

    /// <summary>The stream delivered: if it had broken since it last did, the engine restarted.</summary>
    public async Task StreamUpAsync(CancellationToken cancellationToken)
    {
        var before = Interlocked.Exchange(ref _state, Up);
        if (before == Up)
            return;
        var (status, error) = await StatusAsync(cancellationToken);
        var startedBefore = _started;
        _started = status?.Started ?? _started;
        if (before == Unseen)
            return;
        if (status?.Started is { } started && started == startedBefore)
        {
            LogStreamResumed(started);
            return;
        }
        var what = status is null ? $"the engine restarted; it could not be asked what it runs: {error}" : WhatItRuns(status);
        LogRestarted(what);
        await audit.RecordEventAsync(what);
    }

    private async Task<(Contracts.EngineStatus? Status, string? Error)> StatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await engine.GetStatusAsync(cancellationToken), null);
        }
        catch (Exception e) when (e is EngineUnavailableException or EngineFailedException)
        {
            return (null, e.Message);
        }
    }

    private static string WhatItRuns(Contracts.EngineStatus status)
    {
        if (status.FailClosed is { } closed)
            return $"the engine restarted and could not apply revision {closed.Revision} again; it holds the firewall closed: {closed.Reason}";
        if (status.ConfirmDeadline is { } deadline)
            return string.Create(CultureInfo.InvariantCulture, $"the engine restarted and applied revision {status.RunningRevision} again; it still waits for its confirmation until {deadline:u}");
        if (status.RunningRevision > 0)
            return $"the engine restarted and applied the running configuration (revision {status.RunningRevision}) again";
        return "the engine restarted; no revision was ever applied, so it runs its base firewall";
    }

    [LoggerMessage(LogLevel.Warning, "Engine restart noticed: {What}")]
    private partial void LogRestarted(string what);

    [LoggerMessage(LogLevel.Information, "An engine stream broke and was opened again; the engine kept running (started {Started:u}), so this is no restart")]
    private partial void LogStreamResumed(DateTimeOffset started);
}

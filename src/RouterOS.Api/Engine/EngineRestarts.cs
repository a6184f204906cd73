using System.Globalization;

namespace RouterOS.Api.Engine;

/// <summary>
/// Writes an engine restart in the audit log, once per restart: told by one engine stream's follower
/// (<see cref="Uplinks.UplinkFeed"/>) that the stream broke and, later, that it delivers again. Only the
/// engine process going away breaks its streams, so a stream that comes back after breaking means the
/// engine started again and put back what it runs (RouterEngine.RestoreAtStartAsync); the failed
/// reconnect attempts in between, and the API's own first connection, write nothing.
/// </summary>
public sealed partial class EngineRestarts(IEngineClient engine, Auth.AuditTrail audit, ILogger<EngineRestarts> logger)
{
    private const int Unseen = 0;
    private const int Up = 1;
    private const int Away = 2;
    private int _state = Unseen;

    /// <summary>The stream broke (called again at each failed reconnect attempt: only the first counts).</summary>
    public void StreamDown() => Interlocked.CompareExchange(ref _state, Away, Up);

    /// <summary>The stream delivered: if it had broken since it last did, the engine restarted.</summary>
    public async Task StreamUpAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, Up) != Away)
            return;
        var what = await WhatItRunsAsync(cancellationToken);
        LogRestarted(what);
        await audit.RecordEventAsync(what);
    }

    private async Task<string> WhatItRunsAsync(CancellationToken cancellationToken)
    {
        Contracts.EngineStatus status;
        try
        {
            status = await engine.GetStatusAsync(cancellationToken);
        }
        catch (Exception e) when (e is EngineUnavailableException or EngineFailedException)
        {
            return $"the engine restarted; it could not be asked what it runs: {e.Message}";
        }
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
}

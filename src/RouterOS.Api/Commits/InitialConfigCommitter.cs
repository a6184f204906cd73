using Microsoft.Extensions.Options;
using RouterOS.Api.Engine;
using RouterOS.Api.Hosting;
using RouterOS.Api.Http;
using RouterOS.Api.Store;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;

namespace RouterOS.Api.Commits;

/// <summary>
/// On a router's first start (no revision yet), commits <see cref="RouterApiOptions.InitialConfig"/>
/// (the device image's factory defaults) so that it comes up configured. The engine may still be
/// starting (on a slow CPU it answers minutes after the API), so an engine that is not there yet
/// is waited for rather than taken as a failure: a router that gave up here would boot with no LAN.
/// A refusal (the engine's or verify's) is logged and left to the administrator, as is a candidate
/// the administrator edited in the meantime.
/// </summary>
public sealed class InitialConfigCommitter(IServiceScopeFactory scopes, IOptions<RouterApiOptions> options, TimeProvider time,
    ILogger<InitialConfigCommitter> log) : BackgroundService
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.InitialConfig is not { Length: > 0 } path)
            return;
        var defaults = await ReadAsync(path, stoppingToken);
        if (defaults is null)
            return;
        var wait = FirstWait;
        var waiting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await TryCommitAsync(path, defaults, stoppingToken))
                    return;
            }
            catch (EngineUnavailableException e)
            {
                if (!waiting)
                    InitialConfigLog.WaitingForEngine(log, path, e.Message);
                waiting = true;
            }
            catch (Exception e) when (e is EngineFailedException or ApiProblemException)
            {
                InitialConfigLog.NotCommitted(log, path, e.Message);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The store failed (a locked database, a full disk): not a reason to give up for good.
                InitialConfigLog.Failed(log, path, e);
            }
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            wait = wait * 2 < LongestWait ? wait * 2 : LongestWait;
        }
    }

    private async Task<RouterConfig?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var read = RouterConfigJson.Read(await File.ReadAllBytesAsync(path, cancellationToken));
            if (read.Config is { } config)
                return config;
            InitialConfigLog.Invalid(log, path, read.Error?.Path, read.Error?.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            InitialConfigLog.Unreadable(log, path, e.Message);
        }
        return null;
    }

    /// <summary>True when there is nothing left to do: committed now, earlier, or by someone else.</summary>
    private async Task<bool> TryCommitAsync(string path, RouterConfig defaults, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        if (await scope.ServiceProvider.GetRequiredService<RevisionStore>().NextNumberAsync(cancellationToken) > 1)
            return true;
        var candidates = scope.ServiceProvider.GetRequiredService<CandidateStore>();
        var candidate = await candidates.GetAsync(cancellationToken);
        if (Same(candidate.Config, RouterConfig.Empty))
            await candidates.SaveAsync(defaults, null, "system", cancellationToken);
        else if (!Same(candidate.Config, defaults))
        {
            InitialConfigLog.LeftToTheAdministrator(log, path);
            return true;
        }
        var revision = await scope.ServiceProvider.GetRequiredService<CommitService>()
            .CommitAsync($"initial configuration from {Path.GetFileName(path)}", null, new Actor("system", "initial-config"), cancellationToken);
        InitialConfigLog.Committed(log, path, revision.Number);
        return true;
    }

    // As JSON: a configuration read back from the store is equal in content, not always as an object
    // (an absent list reads back as an empty one).
    private static bool Same(RouterConfig a, RouterConfig b) => RouterConfigJson.Write(a) == RouterConfigJson.Write(b);
}

internal static partial class InitialConfigLog
{
    [LoggerMessage(LogLevel.Error, "The initial configuration {Path} is not valid: {ErrorPath}: {Message}")]
    public static partial void Invalid(ILogger logger, string path, string? errorPath, string? message);

    [LoggerMessage(LogLevel.Error, "The initial configuration {Path} cannot be read: {Message}")]
    public static partial void Unreadable(ILogger logger, string path, string message);

    [LoggerMessage(LogLevel.Information, "Committed the initial configuration {Path} as revision {Revision}")]
    public static partial void Committed(ILogger logger, string path, long revision);

    [LoggerMessage(LogLevel.Warning, "The initial configuration {Path} waits for the engine ({Message}); it is committed once the engine answers")]
    public static partial void WaitingForEngine(ILogger logger, string path, string message);

    [LoggerMessage(LogLevel.Error, "The initial configuration {Path} is the candidate but was not committed: {Message}")]
    public static partial void NotCommitted(ILogger logger, string path, string message);

    [LoggerMessage(LogLevel.Warning, "The initial configuration {Path} is not committed: the candidate was edited before the engine answered; commit it from the dashboard")]
    public static partial void LeftToTheAdministrator(ILogger logger, string path);

    [LoggerMessage(LogLevel.Error, "Committing the initial configuration {Path} failed; trying again")]
    public static partial void Failed(ILogger logger, string path, Exception exception);
}

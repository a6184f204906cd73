using Microsoft.Extensions.Options;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using RouterOS.Api.Hosting;
using RouterOS.Api.Http;
using RouterOS.Api.Store;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Model;
using RouterOS.Domain.Verification;

namespace RouterOS.Api.Commits;

/// <summary>
/// Commit, confirm and roll back, in the order that keeps the store true to the router: a
/// revision is recorded before the engine hears of it, and its state follows what the engine said.
/// One commit at a time for the whole process (the router has one running configuration).
/// Once the engine is asked to change the router, the request's cancellation no longer reaches
/// that work: a client that goes away must not cut off an apply the kernel may already have made,
/// leaving the revision "applying". That work is bounded by <see cref="EngineWorkDeadline"/> instead.
/// </summary>
public sealed class CommitService(
    CandidateStore candidates,
    RevisionStore revisions,
    IEngineClient engine,
    CommitGate gate,
    PendingCommitSignal pendingChanged,
    TimeProvider time,
    IOptions<RouterApiOptions> options,
    ILogger<CommitService> log)
{
    /// <summary>
    /// How long the engine's part of a commit, confirm or rollback may take whatever the client does.
    /// Longer than the engine client's own call deadline (2 minutes for an apply), which normally ends it first.
    /// </summary>
    public static readonly TimeSpan EngineWorkDeadline = TimeSpan.FromMinutes(3);

    public async Task<Revision> CommitAsync(string message, int? confirmWithinSeconds, Actor actor, CancellationToken cancellationToken)
    {
        if (confirmWithinSeconds is { } window && (window < 1 || window > options.Value.MaxConfirmWithinSeconds))
            throw new BadRequestException($"confirmWithinSeconds must be 1 to {options.Value.MaxConfirmWithinSeconds}, or left out to confirm at once");
        using var turn = await gate.EnterAsync(cancellationToken);
        var candidate = await candidates.GetAsync(cancellationToken);
        return await CommitConfigAsync(candidate.Config, message, confirmWithinSeconds, actor, cancellationToken);
    }

    /// <summary>Commits the configuration of revision <paramref name="number"/> again, as a new revision.</summary>
    public async Task<Revision> RollbackToAsync(long number, Actor actor, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(cancellationToken);
        var target = await revisions.GetAsync(number, cancellationToken) ?? throw new NotFoundException($"there is no revision {number}");
        var revision = await CommitConfigAsync(target.Config, $"Roll back to revision {number}", null, actor, cancellationToken);
        await candidates.SaveAsync(target.Config, null, actor.Name, CancellationToken.None);
        return revision;
    }

    /// <summary>
    /// Commits a backup's running configuration as a new revision, after recording the backup's
    /// revisions as archived ones (numbered before it, so the restore is the newest). A commit that
    /// does not happen takes the archived revisions away again: a restore is all or nothing.
    /// </summary>
    /// <returns>The new revision and the numbers the archived ones got.</returns>
    public async Task<(Revision Revision, long FirstArchived, int Archived)> RestoreAsync(Backups.BackupContent backup, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backup);
        var config = backup.Running ?? throw new ArgumentException("the backup holds no running configuration", nameof(backup));
        using var turn = await gate.EnterAsync(cancellationToken);
        var first = await revisions.NextNumberAsync(cancellationToken);
        var made = Backups.BackupFile.Stamp(backup.CreatedAt);
        await revisions.AddArchivedAsync(first, [.. backup.Revisions.Select(r => (r.CreatedAt, r.Author, r.Source,
            $"[backup of {made}, revision {r.Number}] {r.Message}",
            $"revision {r.Number} of the router that made the backup, where it was {r.State}{(r.Outcome is null ? "" : $": {r.Outcome}")}", r.Config))], CancellationToken.None);
        var last = first + backup.Revisions.Count - 1;
        var archived = backup.Revisions.Count == 0 ? "" : $"; its {backup.Revisions.Count} revisions are archived as revisions {first} to {last}";
        try
        {
            var revision = await CommitConfigAsync(config, $"Restored from a backup made {made} by RouterOS {backup.RouterVersion} (its running revision {backup.RunningRevision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}){archived}",
                null, actor, cancellationToken);
            await candidates.SaveAsync(config, null, actor.Name, CancellationToken.None);
            return (revision, first, backup.Revisions.Count);
        }
        catch
        {
            await revisions.DeleteArchivedAsync(first, last, CancellationToken.None);
            throw;
        }
    }

    public async Task<Revision> ConfirmAsync(Actor actor, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(cancellationToken);
        var pending = await revisions.PendingAsync(cancellationToken) ?? throw new ConflictException("Nothing to confirm", "no commit is waiting for confirmation");
        using var engineWork = new CancellationTokenSource(EngineWorkDeadline);
        try
        {
            await engine.ConfirmAsync(pending.Number, engineWork.Token);
        }
        catch (EngineRefusedException refused)
        {
            throw new ConflictException("The engine refused to confirm", $"{refused.Message}; revision {pending.Number} is still pending");
        }
        await revisions.SetStateAsync(pending.Number, RevisionState.Confirmed, $"confirmed by {actor.Name}", CancellationToken.None);
        pendingChanged.Notify();
        CommitLog.Confirmed(log, pending.Number, actor.Name);
        return (await revisions.GetAsync(pending.Number, CancellationToken.None))!;
    }

    /// <summary>Rolls the pending revision back now (on request, or because its deadline passed).</summary>
    public async Task<Revision> RollbackPendingAsync(string reason, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(cancellationToken);
        var pending = await revisions.PendingAsync(cancellationToken) ?? throw new ConflictException("Nothing to roll back", "no commit is waiting for confirmation");
        using var engineWork = new CancellationTokenSource(EngineWorkDeadline);
        try
        {
            await engine.RollbackAsync(pending.Number, engineWork.Token);
        }
        catch (EngineUnavailableException e)
        {
            // The engine keeps the deadline too and rolls back by itself; record what we know.
            reason += $"; the engine was not reachable ({e.Message}) and rolls back by itself at the deadline";
        }
        catch (EngineRefusedException refused)
        {
            throw new ConflictException("The engine refused to roll back", $"{refused.Message}; revision {pending.Number} is still pending");
        }
        await revisions.SetStateAsync(pending.Number, RevisionState.RolledBack, reason, CancellationToken.None);
        pendingChanged.Notify();
        CommitLog.RolledBack(log, pending.Number, reason);
        return (await revisions.GetAsync(pending.Number, CancellationToken.None))!;
    }

    private async Task<Revision> CommitConfigAsync(RouterConfig config, string message, int? confirmWithinSeconds, Actor actor, CancellationToken cancellationToken)
    {
        var verify = ConfigVerifier.Verify(config);
        if (!verify.IsValid)
            throw new ConfigInvalidException([.. verify.Findings]);
        if (await revisions.PendingAsync(cancellationToken) is { } pending)
            throw new ConflictException("A commit awaits confirmation", $"revision {pending.Number} is waiting for confirmation until {pending.ConfirmDeadline:u}; confirm it or roll it back first");
        var running = await revisions.RunningAsync(cancellationToken);
        var changes = ConfigDiff.Compute(running?.Config ?? RouterConfig.Empty, config);
        if (changes.IsEmpty && running is not null)
            throw new ConflictException("Nothing to commit", $"the configuration is the same as running revision {running.Number}");

        // Ask first, so that an engine that is down changes nothing, not even the history.
        await engine.GetStatusAsync(cancellationToken);

        var number = await revisions.NextNumberAsync(cancellationToken);
        var now = time.GetUtcNow();
        TimeSpan? window = confirmWithinSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        await revisions.AddAsync(number, now, actor.Name, actor.Source, message, config, changes, running, now + window, cancellationToken);

        EngineApplyResult result;
        using var engineWork = new CancellationTokenSource(EngineWorkDeadline);
        try
        {
            result = await engine.ApplyAsync(config, number, window, engineWork.Token);
        }
        catch (Exception e) when (e is EngineUnavailableException or EngineFailedException or OperationCanceledException)
        {
            // No answer: the kernel may or may not have it. The engine knows what it runs; settle by asking it.
            if (!await EngineRunsAsync(number))
            {
                await revisions.SetStateAsync(number, RevisionState.Failed, $"the engine gave no answer while applying: {e.Message}", CancellationToken.None);
                if (e is OperationCanceledException)
                    throw new EngineUnavailableException($"the engine did not answer within {EngineWorkDeadline.TotalMinutes} minutes", e);
                throw;
            }
            result = new EngineApplyResult(true, [], null, null);
        }
        if (!result.Applied)
        {
            await revisions.SetStateAsync(number, RevisionState.Failed, result.Error, CancellationToken.None);
            var where = result.ErrorPath is null ? "" : $"{result.ErrorPath}: ";
            throw new ConfigInvalidException("The engine refused the configuration", $"{where}{result.Error}; the router kept revision {running?.Number ?? 0}",
                [.. result.Findings, .. result.ErrorPath is null ? Array.Empty<ConfigFinding>() : [ConfigFinding.Error(result.ErrorPath, result.Error ?? "refused")]]);
        }
        await revisions.SetStateAsync(number, window is null ? RevisionState.Confirmed : RevisionState.Pending, "applied", CancellationToken.None);
        pendingChanged.Notify();
        CommitLog.Committed(log, number, actor.Name, actor.Source, window?.TotalSeconds);
        return (await revisions.GetAsync(number, CancellationToken.None))!;
    }

    /// <summary>After an apply that got no answer: does the engine run that revision now? False if it cannot say.</summary>
    private async Task<bool> EngineRunsAsync(long number)
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return (await engine.GetStatusAsync(quick.Token)).RunningRevision == number;
        }
        catch (Exception e) when (e is EngineUnavailableException or EngineFailedException or OperationCanceledException)
        {
            // Not knowing, we cannot claim it was applied.
            return false;
        }
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RouterOS.Api.Contracts;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Api.Store;

/// <summary>A revision as the API shows it, with its configuration read back.</summary>
public sealed record Revision(
    long Number, DateTimeOffset CreatedAt, string Author, string Source, string Message, RevisionState State,
    long? PreviousNumber, DateTimeOffset? ConfirmDeadline, string? Outcome, RouterConfig Config, EquatableArray<ConfigChange> Changes)
{
    /// <summary>What a list of revisions shows: everything but the configuration itself.</summary>
    public RevisionSummary Summary() => new(Number, CreatedAt, Author, Source, Message, State, PreviousNumber, ConfirmDeadline, Outcome, Changes.Count);
}

/// <summary>The committed revisions. "Running" is the newest one that is applied (pending or confirmed).</summary>
public sealed class RevisionStore(RouterDbContext db, StoredConfigCodec codec, Hosting.ConfiguredHostNames hostNames)
{
    private static readonly RevisionState[] Applied = [RevisionState.Pending, RevisionState.Confirmed];

    public async Task<Revision?> RunningAsync(CancellationToken cancellationToken)
    {
        var row = await db.Revisions.Where(r => Applied.Contains(r.State)).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToRevision(row);
    }

    public async Task<Revision?> PendingAsync(CancellationToken cancellationToken)
    {
        var row = await db.Revisions.Where(r => r.State == RevisionState.Pending).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToRevision(row);
    }

    public async Task<Revision?> GetAsync(long number, CancellationToken cancellationToken)
    {
        var row = await db.Revisions.FindAsync([number], cancellationToken);
        return row is null ? null : ToRevision(row);
    }

    /// <summary>A page of revisions, newest first, without their configurations (a list does not show them, and each would cost a decryption).</summary>
    public async Task<IReadOnlyList<RevisionSummary>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var rows = await db.Revisions.OrderByDescending(r => r.Number).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return [.. rows.Select(row => new RevisionSummary(row.Number, row.CreatedAt, row.Author, row.Source, row.Message, row.State,
            row.PreviousNumber, row.ConfirmDeadline, row.Outcome, ChangesOf(row).Count))];
    }

    public async Task<long> NextNumberAsync(CancellationToken cancellationToken) =>
        (await db.Revisions.MaxAsync(r => (long?)r.Number, cancellationToken) ?? 0) + 1;

    /// <summary>Records a revision before anything is sent to the engine, so a crash leaves a trace.</summary>
    public async Task AddAsync(long number, DateTimeOffset at, string author, string source, string message, RouterConfig config,
        EquatableArray<ConfigChange> changes, Revision? previous, DateTimeOffset? confirmDeadline, CancellationToken cancellationToken)
    {
        db.Revisions.Add(new RevisionRow
        {
            Number = number,
            CreatedAt = at,
            Author = author,
            Source = source,
            Message = message,
            ConfigJson = codec.Write(config),
            DiffJson = JsonSerializer.Serialize(changes, RouterConfigJson.Metadata(redactSecrets: true).EquatableArrayConfigChange),
            State = RevisionState.Applying,
            PreviousNumber = previous?.Number,
            ConfirmDeadline = confirmDeadline,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The newest <paramref name="take"/> revisions with their configurations, oldest first, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<Revision> Newest, int Total)> NewestAsync(int take, CancellationToken cancellationToken)
    {
        var total = await db.Revisions.CountAsync(cancellationToken);
        var rows = await db.Revisions.OrderByDescending(r => r.Number).Take(take).ToListAsync(cancellationToken);
        return ([.. rows.OrderBy(r => r.Number).Select(ToRevision)], total);
    }

    /// <summary>
    /// Records another router's revisions (a restored backup's) as <see cref="RevisionState.Archived"/>,
    /// numbered from <paramref name="first"/> in their order, each with its changes from the one before.
    /// </summary>
    public async Task AddArchivedAsync(long first, IReadOnlyList<(DateTimeOffset At, string Author, string Source, string Message, string Outcome, RouterConfig Config)> archived,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archived);
        var previous = RouterConfig.Empty;
        var number = first;
        foreach (var (at, author, source, message, outcome, config) in archived)
        {
            db.Revisions.Add(new RevisionRow
            {
                Number = number++,
                CreatedAt = at,
                Author = author,
                Source = source,
                Message = message,
                ConfigJson = codec.Write(config),
                DiffJson = JsonSerializer.Serialize(ConfigDiff.Compute(previous, config), RouterConfigJson.Metadata(redactSecrets: true).EquatableArrayConfigChange),
                State = RevisionState.Archived,
                Outcome = outcome,
            });
            previous = config;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes revisions <paramref name="first"/> to <paramref name="last"/> (archived ones a restore that failed had added).</summary>
    public async Task DeleteArchivedAsync(long first, long last, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await db.Revisions.Where(r => r.Number >= first && r.Number <= last && r.State == RevisionState.Archived).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task SetStateAsync(long number, RevisionState state, string? outcome, CancellationToken cancellationToken)
    {
        var row = await db.Revisions.FindAsync([number], cancellationToken) ?? throw new InvalidOperationException($"revision {number} does not exist");
        row.State = state;
        row.Outcome = outcome ?? row.Outcome;
        if (state != RevisionState.Pending)
            row.ConfirmDeadline = null;
        await db.SaveChangesAsync(cancellationToken);
        // Any state change can change which revision runs, and with it the router's names.
        hostNames.Changed();
    }

    public async Task<IReadOnlyList<long>> InterruptedAsync(CancellationToken cancellationToken) =>
        await db.Revisions.Where(r => r.State == RevisionState.Applying).Select(r => r.Number).ToListAsync(cancellationToken);

    private Revision ToRevision(RevisionRow row) => new(
        row.Number, row.CreatedAt, row.Author, row.Source, row.Message, row.State, row.PreviousNumber, row.ConfirmDeadline, row.Outcome,
        codec.Read(row.ConfigJson), ChangesOf(row));

    private static EquatableArray<ConfigChange> ChangesOf(RevisionRow row) =>
        JsonSerializer.Deserialize(row.DiffJson, RouterConfigJson.Metadata(redactSecrets: false).EquatableArrayConfigChange);
}

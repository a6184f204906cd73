using System.Text.Json;
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
public sealed class RevisionStore(RouterDatabase database, StoredConfigCodec codec, Hosting.ConfiguredHostNames hostNames, Changes.ChangeSignal changeSignal)
{
    public async Task<Revision?> RunningAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.Command($"""
            SELECT {RevisionRows.Columns} FROM "Revisions" WHERE "State" IN ($pending, $confirmed) ORDER BY "Number" DESC LIMIT 1;
            """, ("$pending", nameof(RevisionState.Pending)), ("$confirmed", nameof(RevisionState.Confirmed)))
            .ReadFirstAsync(RevisionRows.Read, cancellationToken);
        return row is null ? null : ToRevision(row);
    }

    public async Task<Revision?> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.Command($"""
            SELECT {RevisionRows.Columns} FROM "Revisions" WHERE "State" = $pending ORDER BY "Number" DESC LIMIT 1;
            """, ("$pending", nameof(RevisionState.Pending)))
            .ReadFirstAsync(RevisionRows.Read, cancellationToken);
        return row is null ? null : ToRevision(row);
    }

    public async Task<Revision?> GetAsync(long number, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.Command($"""SELECT {RevisionRows.Columns} FROM "Revisions" WHERE "Number" = $number;""", ("$number", number))
            .ReadFirstAsync(RevisionRows.Read, cancellationToken);
        return row is null ? null : ToRevision(row);
    }

    /// <summary>A page of revisions, newest first, without their configurations (a list does not show them, and each would cost a decryption).</summary>
    public async Task<IReadOnlyList<RevisionSummary>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.Command($"""
            SELECT {RevisionRows.Columns} FROM "Revisions" ORDER BY "Number" DESC LIMIT $take OFFSET $skip;
            """, ("$take", take), ("$skip", skip))
            .ReadAllAsync(RevisionRows.Read, cancellationToken);
        return [.. rows.Select(row => new RevisionSummary(row.Number, row.CreatedAt, row.Author, row.Source, row.Message, row.State,
            row.PreviousNumber, row.ConfirmDeadline, row.Outcome, ChangesOf(row).Count))];
    }

    public async Task<long> NextNumberAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return ((long?)await connection.Command("""SELECT MAX("Number") FROM "Revisions";""").ReadScalarAsync(cancellationToken) ?? 0) + 1;
    }

    /// <summary>Records a revision before anything is sent to the engine, so a crash leaves a trace.</summary>
    public async Task AddAsync(long number, DateTimeOffset at, string author, string source, string message, RouterConfig config,
        EquatableArray<ConfigChange> changes, Revision? previous, DateTimeOffset? confirmDeadline, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await RevisionRows.InsertAsync(connection, null, new RevisionRow
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
        }, cancellationToken);
    }

    /// <summary>The newest <paramref name="take"/> revisions with their configurations, oldest first, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<Revision> Newest, int Total)> NewestAsync(int take, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = (long)(await connection.Command("""SELECT COUNT(*) FROM "Revisions";""").ReadScalarAsync(cancellationToken))!;
        var rows = await connection.Command($"""SELECT {RevisionRows.Columns} FROM "Revisions" ORDER BY "Number" DESC LIMIT $take;""", ("$take", take))
            .ReadAllAsync(RevisionRows.Read, cancellationToken);
        return ([.. rows.OrderBy(r => r.Number).Select(ToRevision)], (int)total);
    }

    /// <summary>
    /// Records another router's revisions (a restored backup's) as <see cref="RevisionState.Archived"/>,
    /// numbered from <paramref name="first"/> in their order, each with its changes from the one before.
    /// All of them or none.
    /// </summary>
    public async Task AddArchivedAsync(long first, IReadOnlyList<(DateTimeOffset At, string Author, string Source, string Message, string Outcome, RouterConfig Config)> archived,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archived);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var previous = RouterConfig.Empty;
        var number = first;
        foreach (var (at, author, source, message, outcome, config) in archived)
        {
            await RevisionRows.InsertAsync(connection, transaction, new RevisionRow
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
            }, cancellationToken);
            previous = config;
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes revisions <paramref name="first"/> to <paramref name="last"/> (archived ones a restore that failed had added).</summary>
    public async Task DeleteArchivedAsync(long first, long last, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("""DELETE FROM "Revisions" WHERE "Number" >= $first AND "Number" <= $last AND "State" = $archived;""",
            ("$first", first), ("$last", last), ("$archived", nameof(RevisionState.Archived))).RunAsync(cancellationToken);
    }

    /// <summary>A null <paramref name="outcome"/> keeps the one recorded; only a pending revision keeps its confirm deadline.</summary>
    public async Task SetStateAsync(long number, RevisionState state, string? outcome, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var changed = await connection.Command("""
                UPDATE "Revisions" SET "State" = $state, "Outcome" = COALESCE($outcome, "Outcome"),
                    "ConfirmDeadline" = CASE WHEN $keepDeadline THEN "ConfirmDeadline" END
                WHERE "Number" = $number;
                """,
                ("$state", state.ToString()), ("$outcome", outcome), ("$keepDeadline", state == RevisionState.Pending), ("$number", number))
                .RunAsync(cancellationToken);
            if (changed == 0)
                throw new InvalidOperationException($"revision {number} does not exist");
        }
        // Any state change can change which revision runs, and with it the router's names and the dashboard's change state.
        hostNames.Changed();
        changeSignal.Notify();
    }

    public async Task<IReadOnlyList<long>> InterruptedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("""SELECT "Number" FROM "Revisions" WHERE "State" = $applying ORDER BY "Number";""",
            ("$applying", nameof(RevisionState.Applying))).ReadAllAsync(reader => reader.GetInt64(0), cancellationToken);
    }

    private Revision ToRevision(RevisionRow row) => new(
        row.Number, row.CreatedAt, row.Author, row.Source, row.Message, row.State, row.PreviousNumber, row.ConfirmDeadline, row.Outcome,
        codec.Read(row.ConfigJson), ChangesOf(row));

    private static EquatableArray<ConfigChange> ChangesOf(RevisionRow row) =>
        JsonSerializer.Deserialize(row.DiffJson, RouterConfigJson.Metadata(redactSecrets: false).EquatableArrayConfigChange);
}

using Microsoft.Data.Sqlite;
using RouterOS.Api.Http;
using RouterOS.Domain.Model;

namespace RouterOS.Api.Store;

/// <summary>The candidate configuration with its version, the ETag clients send back in If-Match.</summary>
public sealed record Candidate(RouterConfig Config, long Version)
{
    public string ETag => ETagOf(Version);

    public static string ETagOf(long version) => $"\"{version}\"";
}

/// <summary>Reads and replaces the candidate, with optimistic concurrency on its version.</summary>
public sealed class CandidateStore(RouterDatabase database, StoredConfigCodec codec, RevisionStore revisions, Changes.ChangeSignal changeSignal, TimeProvider time)
{
    // The one row's id (CandidateRow.Id).
    private const int TheCandidate = 1;

    public async Task<Candidate> GetAsync(CancellationToken cancellationToken)
    {
        var row = await LoadAsync(cancellationToken);
        return new Candidate(codec.Read(row.ConfigJson), row.Version);
    }

    /// <summary>
    /// Replaces the candidate. <paramref name="ifMatch"/> is the ETag the client read (or null to
    /// skip the check). Saving what is already there changes nothing, not even the version, so an
    /// import can be repeated.
    /// </summary>
    public async Task<Candidate> SaveAsync(RouterConfig config, string? ifMatch, string author, CancellationToken cancellationToken)
    {
        var row = await LoadAsync(cancellationToken);
        if (ifMatch is not null && ifMatch != "*" && ifMatch != Candidate.ETagOf(row.Version))
            throw new PreconditionFailedException($"the candidate is at version {row.Version}, not {ifMatch}; read it again and reapply your change");
        var current = codec.Read(row.ConfigJson);
        if (current.Equals(config))
            return new Candidate(current, row.Version);
        var saved = new CandidateRow { ConfigJson = codec.Write(config), Version = row.Version + 1, UpdatedAt = time.GetUtcNow(), UpdatedBy = author };
        // The version is the concurrency token: the row changes only if it is still the one read.
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.Command("""
            UPDATE "Candidates" SET "ConfigJson" = $config, "Version" = $version, "UpdatedAt" = $at, "UpdatedBy" = $by
            WHERE "Id" = $id AND "Version" = $read;
            """,
            ("$config", saved.ConfigJson), ("$version", saved.Version), ("$at", saved.UpdatedAt), ("$by", saved.UpdatedBy),
            ("$id", row.Id), ("$read", row.Version)).RunAsync(cancellationToken);
        if (changed == 0)
            throw new PreconditionFailedException("the candidate was changed by another request at the same moment; read it again and reapply your change");
        changeSignal.Notify();
        return new Candidate(config, saved.Version);
    }

    /// <summary>Throws away the edits: the candidate becomes the running configuration again.</summary>
    public async Task<Candidate> DiscardAsync(string author, CancellationToken cancellationToken)
    {
        var running = await revisions.RunningAsync(cancellationToken);
        return await SaveAsync(running?.Config ?? RouterConfig.Empty, null, author, cancellationToken);
    }

    private async Task<CandidateRow> LoadAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is { } row)
            return row;
        // First use: the candidate starts as what runs. Should two requests start it at once, the first one's stays.
        var running = await revisions.RunningAsync(cancellationToken);
        var first = new CandidateRow { Id = TheCandidate, ConfigJson = codec.Write(running?.Config ?? RouterConfig.Empty), UpdatedAt = time.GetUtcNow() };
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.Command("""
                INSERT INTO "Candidates" ("Id", "ConfigJson", "Version", "UpdatedAt", "UpdatedBy") VALUES ($id, $config, $version, $at, $by)
                ON CONFLICT ("Id") DO NOTHING;
                """,
                ("$id", first.Id), ("$config", first.ConfigJson), ("$version", first.Version), ("$at", first.UpdatedAt), ("$by", first.UpdatedBy))
                .RunAsync(cancellationToken);
        }
        return await ReadAsync(cancellationToken) ?? throw new InvalidOperationException("the candidate vanished as it was made");
    }

    private async Task<CandidateRow?> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("""SELECT "Id", "ConfigJson", "Version", "UpdatedAt", "UpdatedBy" FROM "Candidates" WHERE "Id" = $id;""", ("$id", TheCandidate))
            .ReadFirstAsync(ReadRow, cancellationToken);
    }

    private static CandidateRow ReadRow(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt32(0),
        ConfigJson = reader.GetString(1),
        Version = reader.GetInt64(2),
        UpdatedAt = reader.GetDateTimeOffset(3),
        UpdatedBy = reader.GetString(4),
    };
}

using Microsoft.Data.Sqlite;

namespace RouterOS.Api.Store;

/// <summary>The audit log's rows (<see cref="Auth.AuditTrail"/> decides what is written and what is trimmed).</summary>
public sealed class AuditStore(RouterDatabase database)
{
    private const string Columns = """ "At", "Actor", "Source", "Method", "Path", "Status", "RemoteAddress", "Words" """;

    /// <summary>Appends the rows, all or none; each gets the next id.</summary>
    public async Task AddAsync(IReadOnlyList<AuditRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        foreach (var row in rows)
        {
            await transaction.Command($"""
                INSERT INTO "Audit" ({Columns}) VALUES ($at, $actor, $source, $method, $path, $status, $remoteAddress, $words);
                """,
                ("$at", row.At), ("$actor", row.Actor), ("$source", row.Source), ("$method", row.Method), ("$path", row.Path),
                ("$status", row.Status), ("$remoteAddress", row.RemoteAddress), ("$words", row.Words)).RunAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (long)(await connection.Command("""SELECT COUNT(*) FROM "Audit";""").ReadScalarAsync(cancellationToken))!;
    }

    /// <summary>Newest first.</summary>
    public async Task<List<AuditRow>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command($"""SELECT "Id", {Columns} FROM "Audit" ORDER BY "Id" DESC LIMIT $take OFFSET $skip;""",
            ("$take", take), ("$skip", skip)).ReadAllAsync(ReadRow, cancellationToken);
    }

    /// <summary>Deletes the <paramref name="count"/> oldest rows; given <paramref name="sources"/>, the oldest of those from one of them.</summary>
    /// <returns>How many it deleted.</returns>
    public async Task<int> DeleteOldestAsync(long count, IReadOnlyList<string>? sources, CancellationToken cancellationToken)
    {
        var names = sources?.Select((_, i) => $"$source{i}").ToList() ?? [];
        var where = sources is null ? "" : $"""WHERE "Source" IN ({string.Join(", ", names)})""";
        await using var connection = await database.OpenAsync(cancellationToken);
        var delete = connection.Command($"""
            DELETE FROM "Audit" WHERE "Id" IN (SELECT "Id" FROM "Audit" {where} ORDER BY "Id" LIMIT $count);
            """, ("$count", count));
        for (var i = 0; i < names.Count; i++)
            delete.Parameters.AddWithValue(names[i], sources![i]);
        return await delete.RunAsync(cancellationToken);
    }

    private static AuditRow ReadRow(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        At = reader.GetDateTimeOffset(1),
        Actor = reader.GetString(2),
        Source = reader.GetString(3),
        Method = reader.GetString(4),
        Path = reader.GetString(5),
        Status = reader.GetInt32(6),
        RemoteAddress = reader.GetNullableString(7),
        Words = reader.GetNullableString(8),
    };
}

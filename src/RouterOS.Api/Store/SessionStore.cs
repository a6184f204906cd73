using Microsoft.Data.Sqlite;

namespace RouterOS.Api.Store;

/// <summary>The browsers signed in (<see cref="Auth.Sessions"/> decides what they mean).</summary>
public sealed class SessionStore(RouterDatabase database)
{
    private const string Columns = """ "Id", "Username", "CreatedAt", "LastSeenAt", "RemoteAddress", "UserAgent" """;

    /// <summary>Records a new session and, in the same transaction, removes those last seen before <paramref name="idleBefore"/>.</summary>
    public async Task StartAsync(SessionRow session, DateTimeOffset idleBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        // Compared here, not in SQL: SQLite compares the stored timestamps as text, which orders them only
        // while every offset is the same. The rows are few (one per browser signed in).
        var all = await transaction.Command($"""SELECT {Columns} FROM "Sessions";""").ReadAllAsync(ReadRow, cancellationToken);
        foreach (var idle in all.Where(s => s.LastSeenAt < idleBefore))
            await transaction.Command("""DELETE FROM "Sessions" WHERE "Id" = $id;""", ("$id", idle.Id)).RunAsync(cancellationToken);
        await transaction.Command($"""
            INSERT INTO "Sessions" ({Columns}) VALUES ($id, $username, $createdAt, $lastSeenAt, $remoteAddress, $userAgent);
            """,
            ("$id", session.Id), ("$username", session.Username), ("$createdAt", session.CreatedAt), ("$lastSeenAt", session.LastSeenAt),
            ("$remoteAddress", session.RemoteAddress), ("$userAgent", session.UserAgent)).RunAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<SessionRow?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command($"""SELECT {Columns} FROM "Sessions" WHERE "Id" = $id;""", ("$id", id)).ReadFirstAsync(ReadRow, cancellationToken);
    }

    public async Task<List<SessionRow>> OfUserAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command($"""SELECT {Columns} FROM "Sessions" WHERE "Username" = $username;""", ("$username", username))
            .ReadAllAsync(ReadRow, cancellationToken);
    }

    public async Task SeenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("""UPDATE "Sessions" SET "LastSeenAt" = $at WHERE "Id" = $id;""", ("$at", at), ("$id", id)).RunAsync(cancellationToken);
    }

    /// <summary>Ends the session (sign-out).</summary>
    public async Task EndAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("""DELETE FROM "Sessions" WHERE "Id" = $id;""", ("$id", id)).RunAsync(cancellationToken);
    }

    /// <summary>Ends the session <paramref name="id"/> if it is <paramref name="username"/>'s.</summary>
    /// <returns>Whether there was one to end.</returns>
    public async Task<bool> RevokeAsync(string id, string username, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("""DELETE FROM "Sessions" WHERE "Id" = $id AND "Username" = $username;""",
            ("$id", id), ("$username", username)).RunAsync(cancellationToken) > 0;
    }

    private static SessionRow ReadRow(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Username = reader.GetString(1),
        CreatedAt = reader.GetDateTimeOffset(2),
        LastSeenAt = reader.GetDateTimeOffset(3),
        RemoteAddress = reader.GetNullableString(4),
        UserAgent = reader.GetNullableString(5),
    };
}

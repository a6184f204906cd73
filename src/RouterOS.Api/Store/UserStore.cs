using Microsoft.Data.Sqlite;

namespace RouterOS.Api.Store;

/// <summary>The accounts that sign in to the dashboard (today only admin).</summary>
public sealed class UserStore(RouterDatabase database)
{
    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("""SELECT 1 FROM "Users" LIMIT 1;""").ReadScalarAsync(cancellationToken) is not null;
    }

    public async Task<UserRow?> FindAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("""SELECT "Username", "PasswordHash", "CreatedAt" FROM "Users" WHERE "Username" = $username;""", ("$username", username))
            .ReadFirstAsync(ReadRow, cancellationToken);
    }

    /// <summary>Adds the account unless one of that name exists.</summary>
    /// <returns>Whether it was added.</returns>
    public async Task<bool> TryAddAsync(UserRow user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("""
            INSERT INTO "Users" ("Username", "PasswordHash", "CreatedAt") VALUES ($username, $hash, $createdAt)
            ON CONFLICT ("Username") DO NOTHING;
            """, ("$username", user.Username), ("$hash", user.PasswordHash), ("$createdAt", user.CreatedAt)).RunAsync(cancellationToken) == 1;
    }

    /// <summary>The same password under a newer hash (a stronger work factor).</summary>
    public async Task RehashAsync(string username, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("""UPDATE "Users" SET "PasswordHash" = $hash WHERE "Username" = $username;""",
            ("$hash", passwordHash), ("$username", username)).RunAsync(cancellationToken);
    }

    /// <summary>A new password, and every session of the account but <paramref name="keepSession"/> ended: both or neither.</summary>
    public async Task ChangePasswordAsync(string username, string passwordHash, string? keepSession, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await transaction.Command("""DELETE FROM "Sessions" WHERE "Username" = $username AND "Id" IS NOT $keep;""",
            ("$username", username), ("$keep", keepSession)).RunAsync(cancellationToken);
        await transaction.Command("""UPDATE "Users" SET "PasswordHash" = $hash WHERE "Username" = $username;""",
            ("$hash", passwordHash), ("$username", username)).RunAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static UserRow ReadRow(SqliteDataReader reader) => new()
    {
        Username = reader.GetString(0),
        PasswordHash = reader.GetString(1),
        CreatedAt = reader.GetDateTimeOffset(2),
    };
}

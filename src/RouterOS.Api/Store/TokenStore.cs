using Microsoft.Data.Sqlite;
using RouterOS.Api.Contracts;

namespace RouterOS.Api.Store;

/// <summary>The API tokens, found by the hash of the token a request presents.</summary>
public sealed class TokenStore(RouterDatabase database)
{
    private const string Columns = """ "Name", "Hash", "Scope", "CreatedAt", "CreatedBy", "LastUsedAt", "ExpiresAt" """;

    public async Task<ApiTokenRow?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command($"""SELECT {Columns} FROM "Tokens" WHERE "Hash" = $hash;""", ("$hash", hash)).ReadFirstAsync(ReadRow, cancellationToken);
    }

    public async Task<List<ApiTokenRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command($"""SELECT {Columns} FROM "Tokens" ORDER BY "Name";""").ReadAllAsync(ReadRow, cancellationToken);
    }

    /// <summary>Adds the token unless one of that name exists.</summary>
    /// <returns>Whether it was added.</returns>
    public async Task<bool> TryAddAsync(ApiTokenRow token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command($"""
            INSERT INTO "Tokens" ({Columns}) VALUES ($name, $hash, $scope, $createdAt, $createdBy, $lastUsedAt, $expiresAt)
            ON CONFLICT ("Name") DO NOTHING;
            """,
            ("$name", token.Name), ("$hash", token.Hash), ("$scope", token.Scope.ToString()), ("$createdAt", token.CreatedAt),
            ("$createdBy", token.CreatedBy), ("$lastUsedAt", token.LastUsedAt), ("$expiresAt", token.ExpiresAt)).RunAsync(cancellationToken) == 1;
    }

    public async Task UsedAsync(string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("""UPDATE "Tokens" SET "LastUsedAt" = $at WHERE "Name" = $name;""", ("$at", at), ("$name", name)).RunAsync(cancellationToken);
    }

    /// <returns>Whether there was a token of that name.</returns>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("""DELETE FROM "Tokens" WHERE "Name" = $name;""", ("$name", name)).RunAsync(cancellationToken) > 0;
    }

    private static ApiTokenRow ReadRow(SqliteDataReader reader) => new()
    {
        Name = reader.GetString(0),
        Hash = reader.GetString(1),
        Scope = reader.GetEnum<TokenScope>(2),
        CreatedAt = reader.GetDateTimeOffset(3),
        CreatedBy = reader.GetString(4),
        LastUsedAt = reader.GetNullableDateTimeOffset(5),
        ExpiresAt = reader.GetNullableDateTimeOffset(6),
    };
}

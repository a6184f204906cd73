using Microsoft.Data.Sqlite;

namespace RouterOS.Api.Store;

/// <summary>
/// Commands with their values as parameters (never spliced into the SQL), and the column reads the
/// stores share. Timestamps go in as Microsoft.Data.Sqlite writes a DateTimeOffset, the text EF
/// Core wrote ("2026-11-25 12:00:00+00:00"), so rows from either build read back the same.
/// The Run and Read methods dispose the command they run.
/// </summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static SqliteCommand Command(this SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = transaction.Connection!.Command(sql, parameters);
        command.Transaction = transaction;
        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static DateTimeOffset? GetNullableDateTimeOffset(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDateTimeOffset(ordinal);

    /// <summary>An enum stored by its name, as EF Core's string conversion stored it.</summary>
    public static TEnum GetEnum<TEnum>(this SqliteDataReader reader, int ordinal) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(reader.GetString(ordinal));

    /// <summary>Runs a statement; returns how many rows it changed.</summary>
    public static async Task<int> RunAsync(this SqliteCommand command, CancellationToken cancellationToken)
    {
        await using (command)
            return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, or null.</summary>
    public static async Task<object?> ReadScalarAsync(this SqliteCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is DBNull ? null : value;
        }
    }

    /// <summary>Every row of a query, each read by <paramref name="read"/>.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(this SqliteCommand command, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var disposing = command;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(read(reader));
        return rows;
    }

    /// <summary>The first row of a query, or null when there is none.</summary>
    public static async Task<T?> ReadFirstAsync<T>(this SqliteCommand command, Func<SqliteDataReader, T> read, CancellationToken cancellationToken) where T : class
    {
        await using var disposing = command;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? read(reader) : null;
    }
}

using Microsoft.Data.Sqlite;
using RouterOS.Api.Contracts;

namespace RouterOS.Api.Store;

/// <summary>The "Revisions" table's columns, read into and written from <see cref="RevisionRow"/>.</summary>
internal static class RevisionRows
{
    public const string Columns = """
        "Number", "CreatedAt", "Author", "Source", "Message", "ConfigJson", "DiffJson", "State", "PreviousNumber", "ConfirmDeadline", "Outcome"
        """;

    /// <summary>Reads a row selected with <see cref="Columns"/>.</summary>
    public static RevisionRow Read(SqliteDataReader reader) => new()
    {
        Number = reader.GetInt64(0),
        CreatedAt = reader.GetDateTimeOffset(1),
        Author = reader.GetString(2),
        Source = reader.GetString(3),
        Message = reader.GetString(4),
        ConfigJson = reader.GetString(5),
        DiffJson = reader.GetString(6),
        State = reader.GetEnum<RevisionState>(7),
        PreviousNumber = reader.GetNullableInt64(8),
        ConfirmDeadline = reader.GetNullableDateTimeOffset(9),
        Outcome = reader.GetNullableString(10),
    };

    public static Task<int> InsertAsync(SqliteConnection connection, SqliteTransaction? transaction, RevisionRow row, CancellationToken cancellationToken)
    {
        var insert = connection.Command($"""
            INSERT INTO "Revisions" ({Columns})
            VALUES ($number, $createdAt, $author, $source, $message, $configJson, $diffJson, $state, $previousNumber, $confirmDeadline, $outcome);
            """,
            ("$number", row.Number), ("$createdAt", row.CreatedAt), ("$author", row.Author), ("$source", row.Source), ("$message", row.Message),
            ("$configJson", row.ConfigJson), ("$diffJson", row.DiffJson), ("$state", row.State.ToString()), ("$previousNumber", row.PreviousNumber),
            ("$confirmDeadline", row.ConfirmDeadline), ("$outcome", row.Outcome));
        insert.Transaction = transaction;
        return insert.RunAsync(cancellationToken);
    }
}

using Microsoft.Data.Sqlite;

namespace RouterOS.Api.Store;

/// <summary>
/// Brings the store's schema up to date: each <see cref="SchemaSteps"/> step not yet recorded is run,
/// in order, in a transaction of its own together with its record. The record is kept where the EF
/// Core build kept its migrations, under the same ids, so a store that build made is recognised as
/// it is and one made here looks to it as its own.
/// </summary>
internal static class SchemaMigrations
{
    private const string HistoryTable = """
        CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
            "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
            "ProductVersion" TEXT NOT NULL
        );
        """;

    // EF Core wrote its own version here and reads only the ids; this says which build ran a step.
    private const string AppliedBy = "RouterOS SQL steps";

    /// <summary>Runs the steps the store lacks.</summary>
    /// <returns>The ids of the steps it ran, in order.</returns>
    public static Task<IReadOnlyList<string>> ApplyAsync(RouterDatabase database, CancellationToken cancellationToken) =>
        ApplyAsync(database, SchemaSteps.All, cancellationToken);

    public static async Task<IReadOnlyList<string>> ApplyAsync(RouterDatabase database, IReadOnlyList<SchemaStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(steps);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command(HistoryTable).RunAsync(cancellationToken);
        var applied = new List<string>();
        foreach (var step in steps)
        {
            if (await TryApplyAsync(connection, step, cancellationToken))
                applied.Add(step.Id);
        }
        return applied;
    }

    private static async Task<bool> TryApplyAsync(SqliteConnection connection, SchemaStep step, CancellationToken cancellationToken)
    {
        // Immediate: a second process starting at the same moment waits here, then finds the step recorded.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var recorded = await transaction.Command("""SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = $id;""", ("$id", step.Id))
            .ReadScalarAsync(cancellationToken);
        if (recorded is not null)
            return false;
        await transaction.Command(step.Sql).RunAsync(cancellationToken);
        await transaction.Command("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ($id, $by);""",
            ("$id", step.Id), ("$by", AppliedBy)).RunAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

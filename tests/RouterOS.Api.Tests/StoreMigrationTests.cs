using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RouterOS.Api.Auth;
using RouterOS.Api.Store;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The store's schema without EF Core: a store the EF Core build made opens as it is, with its data,
/// and a new one gets the same schema (Fixtures/ef-created-store.sql is such a store, dumped).
/// </summary>
public sealed class StoreMigrationTests : IAsyncLifetime
{
    private static readonly string[] EfMigrationIds = ["20261125204629_Initial", "20261125210003_Auth", "20261205174453_Sessions"];

    // The steps after the EF Core build's, which a store it made gets when this build opens it.
    private static readonly string[] LaterStepIds = ["20261207110000_AuditWords"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "routeros-api-tests", Guid.NewGuid().ToString("N"));

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_store_the_EF_Core_build_made_is_not_migrated_again_and_its_data_reads_back()
    {
        var path = Path.Combine(_directory, "routeros.db");
        await RunAsync(path, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ef-created-store.sql"), TestContext.Current.CancellationToken));
        var schema = await SchemaAsync(path);
        var history = await HistoryAsync(path);

        await using var api = new ApiFactory(_directory);
        Assert.Null(api.Services.GetRequiredService<SetupToken>().Value); // the admin from the EF build is there
        using var browser = api.CreateClient();
        await Onboarding.SignInAsync(browser, setupToken: null);

        // Only the later steps' changes: the audit log's words column.
        var migrated = await SchemaAsync(path);
        Assert.Equal(schema.Where(row => !row.StartsWith("table Audit ", StringComparison.Ordinal)), migrated.Where(row => !row.StartsWith("table Audit ", StringComparison.Ordinal)));
        Assert.Contains(migrated, row => row.StartsWith("table Audit ", StringComparison.Ordinal) && row.Contains("\"Words\" TEXT NULL", StringComparison.Ordinal));
        Assert.Equal(history, (await HistoryAsync(path)).Take(EfMigrationIds.Length));
        Assert.Equal(LaterStepIds, (await HistoryAsync(path)).Skip(EfMigrationIds.Length).Select(row => row.Split(' ')[0]));
        Assert.Equal(EfMigrationIds.Select(id => $"{id} 10.0.15"), history);
        var tokens = (await browser.Get("/api/v1/tokens").ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["automation", "monthly"], tokens.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal("write", tokens[0]!["scope"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2026, 12, 25, 12, 0, 0, TimeSpan.Zero), tokens[1]!["expiresAt"]!.GetValue<DateTimeOffset>());
        var revision = Assert.Single((await browser.Get("/api/v1/revisions").ExpectAsync(HttpStatusCode.OK)).AsArray())!;
        Assert.Equal("from the EF build", revision["message"]!.GetValue<string>());
        Assert.Equal("Confirmed", revision["state"]!.GetValue<string>());
        Assert.Equal(13, revision["changeCount"]!.GetValue<int>());
        var candidate = await browser.Get("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("lab-router", candidate["config"]!["system"]!["hostname"]!.GetValue<string>());
        var audit = (await browser.Get("/api/v1/audit").ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("/api/v1/setup", audit[^1]!["path"]!.GetValue<string>());
        // What is written now is written as the EF build wrote it, timestamps included.
        Assert.Equal(["2026-11-25 12:00:00+00:00 /api/v1/auth/login"], await ReadAsync(path, """SELECT "At" || ' ' || "Path" FROM "Audit" ORDER BY "Id" DESC LIMIT 1;"""));
    }

    [Fact]
    public async Task A_new_store_gets_every_step_and_the_schema_the_EF_Core_build_made()
    {
        var efMade = Path.Combine(_directory, "ef-made.db");
        await RunAsync(efMade, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ef-created-store.sql"), TestContext.Current.CancellationToken));

        var applied = await SchemaMigrations.ApplyAsync(new RouterDatabase(Path.Combine(_directory, "new.db")), TestContext.Current.CancellationToken);
        // The EF-made store as this build leaves it: with the later steps too.
        Assert.Equal(LaterStepIds, await SchemaMigrations.ApplyAsync(new RouterDatabase(efMade), TestContext.Current.CancellationToken));

        string[] every = [.. EfMigrationIds, .. LaterStepIds];
        Assert.Equal(every, applied);
        Assert.Equal(every, (await HistoryAsync(Path.Combine(_directory, "new.db"))).Select(row => row.Split(' ')[0]));
        // Only EF Core's own lock table (made by its MigrateAsync, always empty between runs) is not made here.
        Assert.Equal((await SchemaAsync(efMade)).Where(row => !row.Contains("__EFMigrationsLock", StringComparison.Ordinal)), await SchemaAsync(Path.Combine(_directory, "new.db")));
        Assert.Empty(await SchemaMigrations.ApplyAsync(new RouterDatabase(Path.Combine(_directory, "new.db")), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_step_that_fails_changes_nothing_and_is_tried_again_next_time()
    {
        var database = new RouterDatabase(Path.Combine(_directory, "steps.db"));
        SchemaStep first = new("1_first", """CREATE TABLE "First" ("Id" INTEGER);""");
        SchemaStep broken = new("2_second", """CREATE TABLE "Second" ("Id" INTEGER); INSERT INTO "Nowhere" VALUES (1);""");

        await Assert.ThrowsAsync<SqliteException>(() => SchemaMigrations.ApplyAsync(database, [first, broken], TestContext.Current.CancellationToken));

        Assert.Equal(["1_first RouterOS SQL steps"], await HistoryAsync(Path.Combine(_directory, "steps.db")));
        Assert.DoesNotContain(await SchemaAsync(Path.Combine(_directory, "steps.db")), row => row.Contains("Second", StringComparison.Ordinal));
        Assert.Equal(["2_second"], await SchemaMigrations.ApplyAsync(database, [first, broken with { Sql = """CREATE TABLE "Second" ("Id" INTEGER);""" }], TestContext.Current.CancellationToken));
    }

    private static async Task RunAsync(string path, string sql)
    {
        await using var connection = await new RouterDatabase(path).OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static Task<List<string>> SchemaAsync(string path) =>
        ReadAsync(path, """SELECT type || ' ' || name || ' ' || tbl_name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY name;""");

    private static Task<List<string>> HistoryAsync(string path) =>
        ReadAsync(path, """SELECT "MigrationId" || ' ' || "ProductVersion" FROM "__EFMigrationsHistory" ORDER BY "MigrationId";""");

    private static async Task<List<string>> ReadAsync(string path, string sql)
    {
        await using var connection = await new RouterDatabase(path).OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            rows.Add(reader.GetString(0));
        return rows;
    }
}

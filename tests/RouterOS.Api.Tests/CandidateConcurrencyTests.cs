using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RouterOS.Api.Http;
using RouterOS.Api.Store;
using RouterOS.Api.Tests.Support;
using RouterOS.Domain.Json;

namespace RouterOS.Api.Tests;

/// <summary>The candidate's version is a concurrency token: a save another write overtook changes nothing.</summary>
public sealed class CandidateConcurrencyTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    [Fact]
    public async Task A_save_overtaken_between_its_read_and_its_write_is_refused_and_changes_nothing()
    {
        using var scope = _api.Services.CreateScope();
        var candidates = scope.ServiceProvider.GetRequiredService<CandidateStore>();
        var before = await candidates.GetAsync(TestContext.Current.CancellationToken);
        var overtaken = ActivatorUtilities.CreateInstance<CandidateStore>(scope.ServiceProvider, new OtherWriteFirst(Path.Combine(_api.DataDirectory, "routeros.db"), _api.Time));

        var refused = await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            overtaken.SaveAsync(RouterConfigJson.Parse(ApiCalls.Example("lab-router")), before.ETag, "admin", TestContext.Current.CancellationToken));

        Assert.Contains("changed by another request at the same moment", refused.Message, StringComparison.Ordinal);
        var after = await candidates.GetAsync(TestContext.Current.CancellationToken);
        Assert.Equal(before.Version + 1, after.Version); // the other write's
        Assert.Equal(before.Config, after.Config);
    }

    /// <summary>The clock a save reads between loading the candidate and writing it: another request's write lands just then.</summary>
    private sealed class OtherWriteFirst(string databasePath, TimeProvider time) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow()
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """UPDATE "Candidates" SET "Version" = "Version" + 1;""";
            command.ExecuteNonQuery();
            return time.GetUtcNow();
        }
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RouterOS.Api.Commits;
using RouterOS.Api.Tests.Support;
using RouterOS.Domain.Json;

namespace RouterOS.Api.Tests;

/// <summary>
/// The device image's first boot: the API commits the factory defaults it is given, and an engine
/// that is still starting (minutes, on a slow CPU) is waited for instead of leaving the router with
/// no configuration.
/// </summary>
public sealed class InitialConfigTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("routeros-initial-config-").FullName;
    private ApiFactory? _api;

    private string DefaultsFile => Path.Combine(_directory, "defaults.json");

    public ValueTask InitializeAsync()
    {
        File.WriteAllText(DefaultsFile, ApiCalls.Example("home-router"));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
            await _api.DisposeAndDeleteAsync();
        Directory.Delete(_directory, recursive: true);
    }

    // The real clock: the committer's waits between tries are real (a second, then longer).
    private ApiFactory Start(bool engineDown)
    {
        _api = new ApiFactory(systemClock: true, settings: new Dictionary<string, string> { ["RouterOS:InitialConfig"] = DefaultsFile });
        _api.Engine.Down = engineDown;
        return _api;
    }

    /// <summary>The committer's run: it ends when there is nothing left for it to do.</summary>
    private static Task CommitterDone(ApiFactory api) =>
        api.Services.GetServices<IHostedService>().OfType<InitialConfigCommitter>().Single().ExecuteTask!
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_defaults_are_committed_once_the_engine_answers_even_if_it_starts_later()
    {
        var api = Start(engineDown: true);
        using var client = await api.CreateTokenClientAsync();
        Assert.Empty((await client.Get("/api/v1/revisions").ExpectAsync(HttpStatusCode.OK)).AsArray());

        api.Engine.Down = false;

        await CommitterDone(api);
        Assert.Single(api.Engine.Applied);
        var (revision, config, _) = api.Engine.Applied[0];
        Assert.Equal(1, revision);
        Assert.Equal(RouterConfigJson.Read(File.ReadAllBytes(DefaultsFile)).Config, config);
        var committed = await client.Get("/api/v1/revisions/1").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("system", committed["revision"]!["author"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_candidate_edited_before_the_engine_answered_is_left_to_the_administrator()
    {
        var api = Start(engineDown: true);
        using var client = await api.CreateTokenClientAsync();
        await Eventually.AnswersAsync(() => client.Get("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK),
            candidate => candidate["config"]?["bridges"]?.AsArray().Count > 0, seconds: 30); // the defaults are the candidate
        await client.PutJsonAsync("/api/v1/system", """{ "hostname": "edited-first" }""").ExpectAsync(HttpStatusCode.OK);

        api.Engine.Down = false;

        // The committer tries again within its longest wait (10 s), sees the edit and stops for good.
        await CommitterDone(api);
        Assert.Empty(api.Engine.Applied);
        Assert.Empty((await client.Get("/api/v1/revisions").ExpectAsync(HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task A_file_that_is_not_a_configuration_commits_nothing_and_leaves_the_candidate_empty()
    {
        File.WriteAllText(DefaultsFile, """{ "interfaces": "not a list" }""");
        var api = Start(engineDown: false);
        using var client = await api.CreateTokenClientAsync();

        await CommitterDone(api);

        var candidate = await client.Get("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(api.Engine.Applied);
        Assert.Empty((await client.Get("/api/v1/revisions").ExpectAsync(HttpStatusCode.OK)).AsArray());
        Assert.Empty(candidate["config"]!["bridges"]!.AsArray());
    }
}

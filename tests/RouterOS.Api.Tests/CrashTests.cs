using System.Net;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The API killed in the middle of a commit (after it recorded the revision, while the engine
/// applies it) must come back with running, candidate and revisions consistent.
/// These run the API as a real process against a gRPC engine on a Unix socket.
/// </summary>
public sealed class CrashTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "routeros-crash-tests", Guid.NewGuid().ToString("N"));
    private FakeEngineServer _engine = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _engine = await FakeEngineServer.StartAsync(_directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(false, "Failed", "interrupted")]
    [InlineData(true, "Confirmed", "applied")]
    public async Task A_commit_cut_short_by_a_kill_is_settled_by_asking_the_engine_at_restart(bool engineApplied, string state, string outcome)
    {
        var data = Path.Combine(_directory, "data");
        string token;
        await using (var api = await ApiProcess.StartAsync(data, _engine.SocketPath))
        {
            using var browser = api.Browser();
            await Onboarding.SignInAsync(browser, await api.SetupToken.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
            token = await Onboarding.CreateTokenAsync(browser, "crash", "write");
            using var client = api.Client();
            Onboarding.UseToken(client, token);
            await client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
            var commit = client.PostJsonAsync("/api/v1/commit", """{ "message": "cut short" }""");
            var request = await _engine.Service.ApplyReceived.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.Equal(1UL, request.Revision);

            await api.KillAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => commit);
        }

        _engine.Service.RunningRevision = engineApplied ? 1UL : 0UL;
        _engine.Service.HangOnApply = false;
        await using var restarted = await ApiProcess.StartAsync(data, _engine.SocketPath);
        using var again = restarted.Client();
        Onboarding.UseToken(again, token);

        var revision = await again.Get("/api/v1/revisions/1").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(state, revision["revision"]!["state"]!.GetValue<string>());
        Assert.Contains(outcome, revision["revision"]!["outcome"]!.GetValue<string>(), StringComparison.Ordinal);
        var candidate = await again.Get("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, candidate["version"]!.GetValue<long>());
        Assert.Equal("br-lan", candidate["config"]!["bridges"]![0]!["name"]!.GetValue<string>());
        var status = await again.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);
        Assert.True(status["engineReachable"]!.GetValue<bool>());
        if (engineApplied)
        {
            Assert.Equal(1, status["runningRevision"]!.GetValue<long>());
        }
        else
        {
            Assert.Null(status["runningRevision"]);
            // The router is usable again: the same candidate commits as revision 2.
            var next = await again.PostJsonAsync("/api/v1/commit", """{ "message": "again" }""").ExpectAsync(HttpStatusCode.Created);
            Assert.Equal(2, next["number"]!.GetValue<long>());
        }
    }
}

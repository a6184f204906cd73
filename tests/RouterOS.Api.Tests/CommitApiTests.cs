using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RouterOS.Api.Commits;
using RouterOS.Api.Tests.Support;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Api.Tests;

public sealed class CommitApiTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _client = await _api.CreateTokenClientAsync();
        await _client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    private RollbackWatcher Watcher => _api.Services.GetServices<IHostedService>().OfType<RollbackWatcher>().Single();

    /// <summary>
    /// Waits until the rollback watcher's timer runs for <paramref name="wakeAt"/>: the fake clock
    /// may only be advanced then, or the timer would be made after the advance and be due late.
    /// </summary>
    private Task WatcherSleepsUntilAsync(DateTimeOffset wakeAt) => Eventually.HoldsAsync(() => Watcher.Sleeping?.WakeAt == wakeAt);

    [Fact]
    public async Task A_commit_applies_the_candidate_as_revision_1()
    {
        var revision = await _client.PostJsonAsync("/api/v1/commit", """{ "message": "initial setup" }""").ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(1, revision["number"]!.GetValue<long>());
        Assert.Equal("Confirmed", revision["state"]!.GetValue<string>());
        Assert.Equal("initial setup", revision["message"]!.GetValue<string>());
        var applied = Assert.Single(_api.Engine.Applied);
        Assert.Equal((1L, null), (applied.Revision, applied.ConfirmWithin));
        var running = await _client.Get("/api/v1/config").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("router", running["system"]!["hostname"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_reachable_engine_a_commit_answers_503_and_changes_nothing()
    {
        _api.Engine.Down = true;

        var problem = await _client.PostJsonAsync("/api/v1/commit", """{ "message": "x" }""").ExpectAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Contains("nothing was changed", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await _client.Get("/api/v1/revisions").ExpectAsync(HttpStatusCode.OK)).AsArray());
        Assert.Empty(_api.Engine.Applied);
        var status = await _client.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);
        Assert.False(status["engineReachable"]!.GetValue<bool>());
        Assert.Equal(1, status["candidateVersion"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_invalid_candidate_is_refused_with_every_error_and_its_path()
    {
        await _client.PutJsonAsync("/api/v1/vlans/v1", """{ "name": "v1", "parent": "eth7", "id": 10 }""").ExpectAsync(HttpStatusCode.OK);
        await _client.PutJsonAsync("/api/v1/addresses/10.0.0.1/24", """{ "device": "eth9", "address": "10.0.0.1/24" }""").ExpectAsync(HttpStatusCode.OK);

        var problem = await _client.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("vlans[v1].parent", problem.Paths());
        Assert.Contains("addresses[10.0.0.1/24].device", problem.Paths());
        Assert.Empty(_api.Engine.Applied);
    }

    [Fact]
    public async Task A_candidate_over_a_limit_is_refused_with_the_path_of_the_list()
    {
        var eth0 = InterfaceName.Parse("eth0");
        var tooMany = new RouterConfig(RouterConfig.CurrentSchemaVersion, Ports: [new Port(eth0)],
            Routes: [.. Enumerable.Range(0, Limits.Routes + 1).Select(i => new StaticRoute(Cidr.Parse($"172.16.{i / 256}.{i % 256}/32"), Device: eth0))]);
        await _client.PutJsonAsync("/api/v1/config", RouterConfigJson.Write(tooMany)).ExpectAsync(HttpStatusCode.OK);

        var problem = await _client.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["routes"], problem.Paths());
        Assert.Empty(_api.Engine.Applied);
    }

    [Fact]
    public async Task The_engine_refusing_is_recorded_as_a_failed_revision_and_reported_with_its_path()
    {
        _api.Engine.Refuse = ("Operation not supported", "flowtables[ft].hardwareOffload");

        var problem = await _client.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("flowtables[ft].hardwareOffload", problem.Paths());
        var audit = await _client.Get("/api/v1/audit").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(422, audit.AsArray()[0]!["status"]!.GetValue<int>()); // the audit records how it ended
        var revision = await _client.Get("/api/v1/revisions/1").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Failed", revision["revision"]!["state"]!.GetValue<string>());
        Assert.Null((await _client.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK))["runningRevision"]);
    }

    [Fact]
    public async Task Committing_again_without_changes_is_a_conflict()
    {
        await _client.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Created);
        var problem = await _client.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Nothing to commit", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_confirmed_commit_stays()
    {
        var pending = await _client.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 30 }""").ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Pending", pending["state"]!.GetValue<string>());
        var start = _api.Time.GetUtcNow();
        Assert.Equal(start.AddSeconds(30), pending["confirmDeadline"]!.GetValue<DateTimeOffset>());
        await WatcherSleepsUntilAsync(start.AddSeconds(30));

        var confirmed = await _client.Post("/api/v1/commit/confirm").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Confirmed", confirmed["state"]!.GetValue<string>());
        Assert.Equal([1L], _api.Engine.Confirmed);
        // Nothing pending: the watcher's next look is its longest sleep away, not the old deadline.
        await WatcherSleepsUntilAsync(start.AddMinutes(1));
        _api.Time.Advance(TimeSpan.FromMinutes(5));
        await Eventually.HoldsAsync(() => Watcher.Sleeping?.CheckedAt == start.AddMinutes(5));
        Assert.Empty(_api.Engine.RolledBack);
    }

    [Fact]
    public async Task A_commit_whose_client_goes_away_mid_apply_still_ends_applied_and_pending()
    {
        var cancel = TestContext.Current.CancellationToken;
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _api.Engine.HoldApply = hold;
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var commit = _client.PostAsync("/api/v1/commit", ApiCalls.Json("""{ "confirmWithinSeconds": 300 }"""), leaving.Token);
        Assert.Equal(1, await _api.Engine.ApplyStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), cancel));

        await leaving.CancelAsync();
        await _api.Aborts.AbortedAsync("/api/v1/commit").WaitAsync(TimeSpan.FromSeconds(30), cancel);
        hold.SetResult();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => commit);

        var state = await RevisionStateOnceSettledAsync(1);
        Assert.Equal("Pending", state);
        Assert.Equal(1, Assert.Single(_api.Engine.Applied).Revision);
        var status = await _client.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1), (status["runningRevision"]!.GetValue<long>(), status["pendingRevision"]!.GetValue<long>()));
    }

    [Fact]
    public async Task An_engine_refusal_of_confirm_is_a_409_with_its_reason_and_the_commit_stays_pending()
    {
        await _client.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 60 }""").ExpectAsync(HttpStatusCode.Created);
        _api.Engine.RefuseConfirm = "revision 1 is not the pending one";

        var problem = await _client.Post("/api/v1/commit/confirm").ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("The engine refused to confirm", problem["title"]!.GetValue<string>());
        Assert.Contains("revision 1 is not the pending one", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var status = await _client.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, status["pendingRevision"]!.GetValue<long>());
    }

    /// <summary>The revision's state once it has left <paramref name="passing"/> (the store records a settled revision after the engine call returns).</summary>
    private async Task<string> RevisionStateOnceSettledAsync(long number, string passing = "Applying")
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var revision = await _client.Get($"/api/v1/revisions/{number}").ExpectAsync(HttpStatusCode.OK);
            var state = revision["revision"]!["state"]!.GetValue<string>();
            if (state != passing)
                return state;
            Assert.True(DateTime.UtcNow < deadline, $"revision {number} is still {passing}: {revision["revision"]!.ToJsonString()}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task An_unconfirmed_commit_is_rolled_back_at_its_deadline()
    {
        var pending = await _client.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 30 }""").ExpectAsync(HttpStatusCode.Created);
        await WatcherSleepsUntilAsync(pending["confirmDeadline"]!.GetValue<DateTimeOffset>());

        // The watcher's only timer is due at the deadline: a second before it, nothing can happen.
        _api.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(_api.Engine.RolledBack);
        _api.Time.Advance(TimeSpan.FromSeconds(2));

        await Eventually.HoldsAsync(() => _api.Engine.RolledBack.Contains(1));
        Assert.Equal("RolledBack", await RevisionStateOnceSettledAsync(1, passing: "Pending"));
        var revision = await _client.Get("/api/v1/revisions/1").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("not confirmed by its deadline", revision["revision"]!["outcome"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_commit_waits_until_the_pending_one_is_settled()
    {
        await _client.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 30 }""").ExpectAsync(HttpStatusCode.Created);
        await _client.PutJsonAsync("/api/v1/ports/eth9", """{ "name": "eth9" }""").ExpectAsync(HttpStatusCode.OK);

        var problem = await _client.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Conflict);

        Assert.Contains("revision 1 is waiting for confirmation", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rolling_back_now_returns_to_the_previous_revision()
    {
        await _client.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Created);
        await _client.PutJsonAsync("/api/v1/ports/eth9", """{ "name": "eth9" }""").ExpectAsync(HttpStatusCode.OK);
        await _client.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 300 }""").ExpectAsync(HttpStatusCode.Created);

        await _client.Post("/api/v1/commit/rollback").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([2L], _api.Engine.RolledBack);
        var status = await _client.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, status["runningRevision"]!.GetValue<long>());
        Assert.Null(status["pendingRevision"]);
    }

    [Theory]
    [InlineData("""{ "confirmWithinSeconds": 0 }""")]
    [InlineData("""{ "confirmWithinSeconds": -5 }""")]
    [InlineData("""{ "confirmWithinSeconds": 99999999 }""")]
    [InlineData("""{ "confirmWithinSeconds": 1e400 }""")]
    [InlineData("""{ "confirmWithinSeconds": "soon" }""")]
    [InlineData("""{ "mesage": "typo" }""")]
    [InlineData("""{ "message": 5 }""")]
    [InlineData("""[]""")]
    public async Task A_bad_commit_request_is_refused_and_commits_nothing(string body)
    {
        await _client.PostJsonAsync("/api/v1/commit", body).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Empty(_api.Engine.Applied);
    }

    [Fact]
    public async Task Revisions_are_listed_newest_first_diffed_and_rolled_back_to_as_a_new_commit()
    {
        await _client.PostJsonAsync("/api/v1/commit", """{ "message": "one" }""").ExpectAsync(HttpStatusCode.Created);
        await _client.PutJsonAsync("/api/v1/ports/eth9", """{ "name": "eth9", "mtu": 9000 }""").ExpectAsync(HttpStatusCode.OK);
        await _client.PostJsonAsync("/api/v1/commit", """{ "message": "two" }""").ExpectAsync(HttpStatusCode.Created);

        var list = await _client.Get("/api/v1/revisions").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["two", "one"], list.AsArray().Select(r => r!["message"]!.GetValue<string>()));
        var diff = await _client.Get("/api/v1/revisions/1/diff/2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("ports[eth9]", Assert.Single(diff["changes"]!.AsArray())!["path"]!.GetValue<string>());

        var rollback = await _client.Post("/api/v1/revisions/1/rollback").ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(3, rollback["number"]!.GetValue<long>());
        Assert.Equal("Roll back to revision 1", rollback["message"]!.GetValue<string>());
        Assert.Equal(_api.Engine.Applied[0].Config, _api.Engine.Applied[2].Config);
        var candidate = await _client.Get("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("eth9", candidate.Text(), StringComparison.Ordinal);
        await _client.Get("/api/v1/revisions/99").ExpectAsync(HttpStatusCode.NotFound);
    }
}

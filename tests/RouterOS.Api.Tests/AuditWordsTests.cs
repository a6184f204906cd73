using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RouterOS.Api.Auth;
using RouterOS.Api.Commits;
using RouterOS.Api.Contracts;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>The audit log in words: who by name, what as a sentence, how it ended; and what the router did by itself.</summary>
public sealed class AuditWordsTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private HttpClient _token = null!;

    public async ValueTask InitializeAsync()
    {
        _token = await _api.CreateTokenClientAsync();
        await _token.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    private RollbackWatcher Watcher => _api.Services.GetServices<IHostedService>().OfType<RollbackWatcher>().Single();

    private async Task<List<JsonNode>> RowsAsync() =>
        [.. (await _token.Get("/api/v1/audit?take=1000").ExpectAsync(HttpStatusCode.OK)).AsArray().Select(row => row!)];

    private static string Text(JsonNode row, string field) => row[field]!.GetValue<string>();

    [Fact]
    public async Task A_dashboard_sign_in_is_logged_under_the_user_with_words_not_a_method_and_status()
    {
        using var browser = await _api.CreateBrowserAsync();
        await browser.PostJsonAsync("/api/v1/auth/password", """{ "currentPassword": "not it", "newPassword": "a brand new long password" }""").ExpectAsync(HttpStatusCode.Forbidden);

        var rows = await RowsAsync();
        // Newest first: the browser's sign-in (the token client above signed in before it made its token).
        var signIn = rows.First(row => Text(row, "what") == "signed in");
        Assert.Equal("admin", Text(signIn, "actor"));
        Assert.Equal("ui", Text(signIn, "source"));
        Assert.Equal("done", Text(signIn, "result"));
        var password = Assert.Single(rows, row => Text(row, "what") == "changed the password");
        Assert.Equal("admin", Text(password, "actor"));
        Assert.Equal("refused: not allowed", Text(password, "result"));
        var import = Assert.Single(rows, row => Text(row, "what") == "replaced the whole candidate configuration");
        Assert.StartsWith("token:", Text(import, "source"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commits_confirms_and_edits_read_as_sentences()
    {
        await _token.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 300 }""").ExpectAsync(HttpStatusCode.Created);
        await _token.Post("/api/v1/commit/confirm").ExpectAsync(HttpStatusCode.OK);
        await _token.PutJsonAsync("/api/v1/ports/eth9", """{ "name": "eth9" }""").ExpectAsync(HttpStatusCode.OK);

        var what = (await RowsAsync()).Select(row => Text(row, "what")).ToList();
        Assert.Contains("committed revision 1 (to be confirmed within 300 s)", what);
        Assert.Contains("confirmed the pending revision", what);
        Assert.Contains("edited ports eth9", what);
    }

    [Fact]
    public async Task A_rollback_to_an_old_revision_names_the_new_revision_it_made()
    {
        await _token.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Created);
        await _token.PutJsonAsync("/api/v1/ports/eth9", """{ "name": "eth9" }""").ExpectAsync(HttpStatusCode.OK);
        await _token.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Created);

        var made = await _token.Post("/api/v1/revisions/1/rollback").ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(3, made["number"]!.GetValue<long>());
        Assert.Contains("rolled back to revision 1 (as revision 3)", (await RowsAsync()).Select(row => Text(row, "what")));
    }

    [Fact]
    public async Task Rolling_back_the_pending_revision_names_it_and_the_revision_that_runs_again()
    {
        await _token.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Created);
        await _token.PutJsonAsync("/api/v1/ports/eth9", """{ "name": "eth9" }""").ExpectAsync(HttpStatusCode.OK);
        await _token.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 300 }""").ExpectAsync(HttpStatusCode.Created);

        await _token.Post("/api/v1/commit/rollback").ExpectAsync(HttpStatusCode.OK);

        Assert.Contains(2, _api.Engine.RolledBack);
        Assert.Contains("rolled back the pending revision 2 (revision 1 runs again)", (await RowsAsync()).Select(row => Text(row, "what")));
    }

    [Fact]
    public async Task An_automatic_rollback_is_in_the_audit_log_as_the_routers_own_entry()
    {
        var pending = await _token.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 30 }""").ExpectAsync(HttpStatusCode.Created);
        await Eventually.HoldsAsync(() => Watcher.Sleeping?.WakeAt == pending["confirmDeadline"]!.GetValue<DateTimeOffset>());
        _api.Time.Advance(TimeSpan.FromSeconds(31));
        await Eventually.HoldsAsync(() => _api.Engine.RolledBack.Contains(1));

        // The entry is written just after the rollback: wait for it as the rollback was waited for.
        var rows = await RowsAsync();
        for (var tries = 0; tries < 100 && !rows.Any(row => Text(row, "source") == AuditTrail.RouterActor); tries++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            rows = await RowsAsync();
        }
        var rollback = Assert.Single(rows, row => Text(row, "source") == AuditTrail.RouterActor);
        // Revision 1 was the first: nothing ran before it.
        Assert.Equal("rolled back revision 1 automatically: it was not confirmed by its deadline; no revision runs: the router is back to the empty configuration",
            Text(rollback, "what"));
        Assert.Equal("router", Text(rollback, "actor"));
        Assert.Equal("done", Text(rollback, "result"));
    }

    [Fact]
    public async Task An_engine_restart_is_in_the_audit_log_once_with_what_it_runs_again()
    {
        await _token.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Created);
        var uplinks = _api.Services.GetRequiredService<RouterOS.Api.Uplinks.UplinkFeed>();
        await Eventually.HoldsAsync(() => uplinks.Latest.Connected);

        // The engine goes away: its stream breaks, and reconnecting fails a few times (0.5 s, 1 s, 2 s apart) before it is back.
        _api.Engine.Down = true;
        _api.Engine.BreakUplinkStream();
        await Eventually.HoldsAsync(() => !uplinks.Latest.Connected);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        _api.Engine.Down = false;
        await Eventually.HoldsAsync(() => uplinks.Latest.Connected);

        var rows = await RowsAsync();
        for (var tries = 0; tries < 100 && !rows.Any(row => Text(row, "source") == AuditTrail.RouterActor); tries++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            rows = await RowsAsync();
        }
        var restart = Assert.Single(rows, row => Text(row, "source") == AuditTrail.RouterActor);
        Assert.Equal("the engine restarted and applied the running configuration (revision 1) again", Text(restart, "what"));
        Assert.Equal("router", Text(restart, "actor"));
    }

    [Fact]
    public async Task A_stream_that_breaks_while_the_engine_keeps_running_is_not_a_restart()
    {
        await _token.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Created);
        var uplinks = _api.Services.GetRequiredService<RouterOS.Api.Uplinks.UplinkFeed>();
        await Eventually.HoldsAsync(() => uplinks.Latest.Connected);
        await RestartEngineAsync(uplinks);
        Assert.Single(await RowsOnceAsync(rows => rows.Any(IsRestart)), IsRestart);

        // The stream breaks (a hiccup on the socket) while the engine runs on: it is opened again at
        // once, and the engine's status says the same start as before.
        var received = uplinks.Latest;
        _api.Engine.BreakUplinkStream();
        await Eventually.HoldsAsync(() => !ReferenceEquals(uplinks.Latest, received) && uplinks.Latest.Connected);
        // Then a real restart that comes back holding the firewall closed, so its row can be told
        // apart. The one follower handles the break before it sees this restart: once this row is
        // written, a row for the break would be too.
        _api.Engine.FailClosed = new EngineFailClosed("the stored configuration could not be restored", [], BaseRuleset: true, Revision: 1, DateTimeOffset.UnixEpoch);
        await RestartEngineAsync(uplinks);
        var rows = await RowsOnceAsync(rows => rows.Any(row => Text(row, "what").Contains("holds the firewall closed", StringComparison.Ordinal)));

        Assert.Equal(2, rows.Count(IsRestart));
    }

    /// <summary>The engine process goes away (its stream breaks, calls fail) and comes back as a new process.</summary>
    private async Task RestartEngineAsync(RouterOS.Api.Uplinks.UplinkFeed uplinks)
    {
        _api.Engine.Down = true;
        _api.Engine.BreakUplinkStream();
        await Eventually.HoldsAsync(() => !uplinks.Latest.Connected);
        _api.Engine.Down = false;
        await Eventually.HoldsAsync(() => uplinks.Latest.Connected);
    }

    private static bool IsRestart(JsonNode row) => Text(row, "source") == AuditTrail.RouterActor;

    /// <summary>The audit log, once <paramref name="ready"/> holds of it (or after 10 s of waiting).</summary>
    private async Task<List<JsonNode>> RowsOnceAsync(Func<List<JsonNode>, bool> ready)
    {
        var rows = await RowsAsync();
        for (var tries = 0; tries < 100 && !ready(rows); tries++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            rows = await RowsAsync();
        }
        return rows;
    }

    [Fact]
    public async Task The_first_connection_to_the_engine_is_not_a_restart()
    {
        var uplinks = _api.Services.GetRequiredService<RouterOS.Api.Uplinks.UplinkFeed>();
        await Eventually.HoldsAsync(() => uplinks.Latest.Connected);
        Assert.DoesNotContain(await RowsAsync(), row => Text(row, "source") == AuditTrail.RouterActor);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_browser_session_of_the_account()
    {
        using var browser = await _api.CreateBrowserAsync();
        using var other = await _api.CreateBrowserAsync();
        await other.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);

        await browser.Delete("/api/v1/auth/sessions").ExpectAsync(HttpStatusCode.NoContent);

        await browser.Get("/api/v1/status").ExpectAsync(HttpStatusCode.Unauthorized);
        await other.Get("/api/v1/status").ExpectAsync(HttpStatusCode.Unauthorized);
        await _token.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK); // tokens are not sessions
        Assert.Contains(await RowsAsync(), row => Text(row, "what") == "signed out everywhere" && Text(row, "actor") == "admin");
    }

    [Theory]
    [InlineData("POST", "/api/v1/revisions/4/rollback", "rolled back to revision 4")]
    [InlineData("DELETE", "/api/v1/tokens/backup%20job", "revoked the API token backup job")]
    [InlineData("DELETE", "/api/v1/dhcp/servers/br-lan", "removed dhcp servers br-lan")]
    [InlineData("PUT", "/api/v1/dns", "edited dns")]
    [InlineData("DELETE", "/api/v1/candidate", "discarded the edits")]
    public void A_request_is_named_in_words(string method, string path, string words) =>
        Assert.Equal(words, AuditWords.What(method, path, "ui"));
}

using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RouterOS.Api.Commits;
using RouterOS.Api.Contracts;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The change-state hub: a client gets the state on connecting and the new one as soon as the
/// candidate is edited, a commit is made, confirmed, or rolled back (by hand or at its deadline).
/// The server sends only when told by the stores, so a missed notification fails these by timeout.
/// </summary>
public sealed class ChangeHubTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private readonly Channel<ChangeStateView> _states = Channel.CreateUnbounded<ChangeStateView>();
    private HttpClient _token = null!;
    private Microsoft.AspNetCore.SignalR.Client.HubConnection _hub = null!;

    public async ValueTask InitializeAsync()
    {
        using var browser = await _api.CreateBrowserAsync();
        var token = await Onboarding.CreateTokenAsync(browser, "changes-hub-test", "write");
        _token = _api.CreateTokenClient(token);
        _hub = HubUpdates.Connect(_api, LiveHubs.ChangesPath, token, LiveHubs.ChangeStateMethod, _states);
        await _hub.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _api.DisposeAndDeleteAsync();
    }

    private Task<ChangeStateView> NextAsync(Func<ChangeStateView, bool> wanted) => HubUpdates.NextAsync(_states, wanted);

    [Fact]
    public async Task A_client_gets_the_state_on_connecting_and_each_edit_over_rest_at_once()
    {
        var first = await NextAsync(_ => true);
        Assert.Null(first.RunningRevision);

        await _token.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        var imported = await NextAsync(s => s.CandidateVersion > first.CandidateVersion);
        Assert.True(imported.CandidateChanges > 0);

        await _token.PutJsonAsync("/api/v1/ports/eth9", """{ "name": "eth9" }""").ExpectAsync(HttpStatusCode.OK);
        await NextAsync(s => s.CandidateVersion > imported.CandidateVersion);
    }

    [Fact]
    public async Task A_commit_and_its_confirmation_are_sent_at_once()
    {
        await _token.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        await _token.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 300 }""").ExpectAsync(HttpStatusCode.Created);
        var pending = await NextAsync(s => s.PendingRevision == 1);
        Assert.Equal(1, pending.RunningRevision);
        Assert.Equal(0, pending.CandidateChanges);
        Assert.NotNull(pending.PendingConfirmDeadline);

        await _token.Post("/api/v1/commit/confirm").ExpectAsync(HttpStatusCode.OK);
        var confirmed = await NextAsync(s => s.PendingRevision is null);
        Assert.Equal(1, confirmed.RunningRevision);
        Assert.Null(confirmed.PendingConfirmDeadline);
    }

    [Fact]
    public async Task An_automatic_rollback_is_sent_at_once()
    {
        await _token.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        var created = await _token.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 30 }""").ExpectAsync(HttpStatusCode.Created);
        await NextAsync(s => s.PendingRevision == 1);
        var watcher = _api.Services.GetServices<IHostedService>().OfType<RollbackWatcher>().Single();
        await Eventually.HoldsAsync(() => watcher.Sleeping?.WakeAt == created["confirmDeadline"]!.GetValue<DateTimeOffset>());

        _api.Time.Advance(TimeSpan.FromSeconds(31));

        var rolledBack = await NextAsync(s => s.PendingRevision is null);
        Assert.Null(rolledBack.RunningRevision);
        Assert.True(rolledBack.CandidateChanges > 0);
    }

    [Fact]
    public async Task A_rollback_by_hand_is_sent_at_once()
    {
        await _token.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        await _token.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 300 }""").ExpectAsync(HttpStatusCode.Created);
        await NextAsync(s => s.PendingRevision == 1);

        await _token.Post("/api/v1/commit/rollback").ExpectAsync(HttpStatusCode.OK);
        await NextAsync(s => s.PendingRevision is null && s.RunningRevision is null);
    }
}

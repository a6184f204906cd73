using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR.Client;
using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// What every page shows of the router's changes: how many edits wait in the candidate, the running
/// revision, and a commit waiting for confirmation with its deadline. Pushed by the API's change hub
/// (<see cref="LiveHubs.ChangesPath"/>) the moment anything changes, also by another browser, a script or
/// the router itself; read from the status at once after every change this dashboard made
/// (<see cref="RouterApi.Wrote"/>), and every <see cref="SafetyPoll"/> only while the hub is not connected.
/// Says what happened in words (<see cref="Noticed"/>), also when the router did it by itself: a pending
/// revision that vanished unconfirmed was rolled back automatically.
/// </summary>
public sealed class ChangeState : IAsyncDisposable, IDisposable
{
    // Only while the hub is down: long, as the hub normally says everything at once.
    private static readonly TimeSpan SafetyPoll = TimeSpan.FromSeconds(30);
    private readonly RouterApi _api;
    private readonly NavigationManager _navigation;
    private PeriodicTimer? _timer;
    private HubConnection? _hub;
    private readonly CancellationTokenSource _stopping = new();

    // Counts the hub's messages: a status read that was overtaken by one is older than what is shown, and is dropped.
    private long _pushes;

    // The pending revision this dashboard itself confirmed or rolled back: its end is no surprise.
    private long? _endedByUs;
    private readonly LiveConnection _live;

    public ChangeState(RouterApi api, NavigationManager navigation, LiveConnection live)
    {
        _api = api;
        _navigation = navigation;
        _live = live;
        _api.Wrote += OnWrote;
    }

    public event Action? Changed;

    /// <summary>Something happened that the administrator should be told: the text, and whether it is bad news.</summary>
    public event Action<string, bool>? Noticed;

    public int PendingEdits { get; private set; }

    /// <summary>Moves with every edit of the candidate, so a page showing the edits knows to read them again.</summary>
    public long CandidateVersion { get; private set; }

    public long? RunningRevision { get; private set; }

    public long? PendingRevision { get; private set; }

    public DateTimeOffset? ConfirmDeadline { get; private set; }

    /// <summary>Set when a pending revision disappeared without the dashboard confirming it: the engine rolled it back.</summary>
    public long? RolledBackRevision { get; private set; }

    /// <summary>The findings of the last plan reviewed, so forms can show them beside their fields.</summary>
    public IReadOnlyList<RouterOS.Domain.Verification.ConfigFinding> PlanFindings { get; set; } = [];

    private bool HubConnected => _hub?.State == HubConnectionState.Connected;

    public void Start()
    {
        if (_timer is not null)
        {
            return;
        }
        _timer = new PeriodicTimer(SafetyPoll);
        _ = LoopAsync(_timer);
        _ = ConnectAsync();
    }

    /// <summary>Confirms the pending revision and says so.</summary>
    public Task<string?> ConfirmAsync() => EndPendingAsync(_api.ConfirmAsync, n => $"Confirmed: revision {n} stays.");

    /// <summary>Rolls the pending revision back now and says so.</summary>
    public Task<string?> RollBackAsync() => EndPendingAsync(_api.RollbackAsync, n => $"Rolled back revision {n}: the last confirmed configuration is running again.");

    /// <param name="confirmedByUs">The pending revision's end, if it ended, was this dashboard's doing.</param>
    public async Task RefreshAsync(bool confirmedByUs = false)
    {
        if (confirmedByUs)
        {
            _endedByUs = PendingRevision;
        }
        var pushesBefore = _pushes;
        StatusView? status;
        try
        {
            status = await _api.StatusAsync();
        }
        catch (HttpRequestException)
        {
            return;
        }
        if (status is null || _pushes != pushesBefore)
        {
            return;
        }
        Apply(new ChangeStateView(status.CandidateVersion, status.CandidateChanges, status.RunningRevision, status.PendingRevision, status.PendingConfirmDeadline));
    }

    public async ValueTask DisposeAsync()
    {
        _api.Wrote -= OnWrote;
        _timer?.Dispose();
        await _stopping.CancelAsync();
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
        _stopping.Dispose();
    }

    // A container disposed synchronously (a test's) still stops the poll and the hub; the hub's goodbye is not awaited.
    public void Dispose()
    {
        _api.Wrote -= OnWrote;
        _timer?.Dispose();
        _stopping.Cancel();
        _ = _hub?.DisposeAsync().AsTask();
        _stopping.Dispose();
    }

    private void Apply(ChangeStateView state)
    {
        // Applied after any wait: a refresh that finished meanwhile has already told of the same end.
        if (PendingRevision is { } waiting && state.PendingRevision is null && _endedByUs != waiting)
        {
            if (state.RunningRevision != waiting)
            {
                RolledBackRevision = waiting;
                Noticed?.Invoke($"Rolled back automatically: revision {waiting} was not confirmed in time.", true);
            }
            else
            {
                Noticed?.Invoke($"Revision {waiting} was confirmed (from another window or by another user).", false);
            }
        }
        PendingEdits = state.CandidateChanges;
        CandidateVersion = state.CandidateVersion;
        RunningRevision = state.RunningRevision;
        PendingRevision = state.PendingRevision;
        ConfirmDeadline = state.PendingConfirmDeadline;
        Changed?.Invoke();
    }

    private async Task<string?> EndPendingAsync(Func<Task<string?>> call, Func<long?, string> done)
    {
        var number = PendingRevision;
        _endedByUs = number;
        var error = await call();
        Noticed?.Invoke(error ?? done(number), error is not null);
        await RefreshAsync();
        return error;
    }

    private void OnWrote() => _ = RefreshAsync();

    private async Task LoopAsync(PeriodicTimer timer)
    {
        await RefreshAsync();
        while (await timer.WaitForNextTickAsync())
        {
            if (!HubConnected)
            {
                await RefreshAsync();
            }
        }
    }

    /// <summary>Connects to the change hub, which sends the current state on every (re)connect.</summary>
    private async Task ConnectAsync()
    {
        _hub = new HubConnectionBuilder().WithUrl(_navigation.ToAbsoluteUri(LiveHubs.ChangesPath.TrimStart('/')))
            .WithAutomaticReconnect(new HubRetry())
            .AddJsonProtocol(json => json.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJson.Default))
            .Build();
        _hub.On<ChangeStateView>(LiveHubs.ChangeStateMethod, state =>
        {
            _pushes++;
            Apply(state);
        });
        LiveConnection.Watch(_hub, connected => _live.Report(LiveHubs.ChangesPath, connected));
        // Not signed in yet, or the API restarting: try again, as the automatic reconnect would.
        for (var attempt = 0; !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await _hub.StartAsync(_stopping.Token);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or OperationCanceledException or ObjectDisposedException)
            {
                await Task.Delay(HubRetry.Pause(attempt), _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}

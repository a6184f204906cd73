using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// What every page shows of the router's changes: how many edits wait in the candidate, the running
/// revision, and a commit waiting for confirmation with its deadline. Read from the status every two
/// seconds (so another browser's work shows too), and at once after every change this dashboard made
/// (<see cref="RouterApi.Wrote"/>). Says what happened in words (<see cref="Noticed"/>), also when the
/// router did it by itself: a pending revision that vanished unconfirmed was rolled back automatically.
/// </summary>
public sealed class ChangeState : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly RouterApi _api;
    private PeriodicTimer? _timer;

    // The pending revision this dashboard itself confirmed or rolled back: its end is no surprise.
    private long? _endedByUs;

    public ChangeState(RouterApi api)
    {
        _api = api;
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

    public void Start()
    {
        if (_timer is not null)
        {
            return;
        }
        _timer = new PeriodicTimer(Interval);
        _ = LoopAsync(_timer);
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
        StatusView? status;
        try
        {
            status = await _api.StatusAsync();
        }
        catch (HttpRequestException)
        {
            return;
        }
        if (status is null)
        {
            return;
        }
        // Read after the wait: a refresh that finished meanwhile has already told of the same end.
        if (PendingRevision is { } waiting && status.PendingRevision is null && _endedByUs != waiting)
        {
            if (status.RunningRevision != waiting)
            {
                RolledBackRevision = waiting;
                Noticed?.Invoke($"Rolled back automatically: revision {waiting} was not confirmed in time.", true);
            }
            else
            {
                Noticed?.Invoke($"Revision {waiting} was confirmed (from another window or by another user).", false);
            }
        }
        PendingEdits = status.CandidateChanges;
        CandidateVersion = status.CandidateVersion;
        RunningRevision = status.RunningRevision;
        PendingRevision = status.PendingRevision;
        ConfirmDeadline = status.PendingConfirmDeadline;
        Changed?.Invoke();
    }

    public void Dispose()
    {
        _api.Wrote -= OnWrote;
        _timer?.Dispose();
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
            await RefreshAsync();
        }
    }
}

using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// What every page shows of the router's changes: how many edits wait in the candidate, and a
/// commit waiting for confirmation with its deadline. Read from the status every few seconds,
/// and at once after the dashboard itself changes something.
/// </summary>
public sealed class ChangeState(RouterApi api) : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
    private PeriodicTimer? _timer;

    public event Action? Changed;

    public int PendingEdits { get; private set; }

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

    public async Task RefreshAsync(bool confirmedByUs = false)
    {
        StatusView? status;
        try
        {
            status = await api.StatusAsync();
        }
        catch (HttpRequestException)
        {
            return;
        }
        if (status is null)
        {
            return;
        }
        if (PendingRevision is { } waiting && status.PendingRevision is null && !confirmedByUs && status.RunningRevision != waiting)
        {
            RolledBackRevision = waiting;
        }
        PendingEdits = status.CandidateChanges;
        PendingRevision = status.PendingRevision;
        ConfirmDeadline = status.PendingConfirmDeadline;
        Changed?.Invoke();
    }

    public void Dispose() => _timer?.Dispose();

    private async Task LoopAsync(PeriodicTimer timer)
    {
        await RefreshAsync();
        while (await timer.WaitForNextTickAsync())
        {
            await RefreshAsync();
        }
    }
}

using RouterOS.Dashboard.Editing;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The running revision beside the candidate the pages show, for the "Not committed" marks on every
/// object. Reads the running configuration once, and again whenever the change hub says another
/// revision runs (<see cref="ChangeState"/>: a commit, a rollback, also from another window), and
/// follows the editor's candidate after each of its reads; <see cref="Changed"/> tells the pages.
/// The candidate is not read again on an edit made elsewhere: the page would then show, and a form
/// save against, a candidate the administrator did not see. A password comes redacted on both sides,
/// so whether it changed is asked of the API (its change set) while the candidate holds one.
/// </summary>
public sealed class PendingMarks(RouterApi api, ConfigEditor editor, ChangeState changes) : IDisposable
{
    private Task? _started;
    private RouterConfig? _running;
    private long? _runningRevision;

    // Counts the reads of the running configuration: one overtaken by a later read (two commits in a row) is dropped.
    private long _reads;
    private long _apiReads;
    private ConfigChange[] _apiChanges = [];
    private PendingDiff? _diff;
    private ConfigChange[]? _diffApiChanges;

    public event Action? Changed;

    /// <summary>The running configuration; null until read, or when it cannot be (then nothing is marked).</summary>
    public RouterConfig? Running => _running;

    /// <summary>The candidate against the running revision; null while either is not read yet.</summary>
    public PendingDiff? Diff
    {
        get
        {
            if (_running is null || !editor.Loaded)
                return null;
            if (_diff is null || !ReferenceEquals(_diff.Candidate, editor.Candidate) || !ReferenceEquals(_diff.Running, _running) || !ReferenceEquals(_diffApiChanges, _apiChanges))
                (_diff, _diffApiChanges) = (new PendingDiff(editor.Candidate, _running, _apiChanges), _apiChanges);
            return _diff;
        }
    }

    /// <summary>Reads the running configuration the first time; every section calls it, the first call does it.</summary>
    public Task StartAsync()
    {
        if (_started is not null)
            return _started;
        changes.Changed += OnChangeState;
        editor.Changed += OnCandidate;
        _runningRevision = changes.RunningRevision;
        return _started = LoadRunningAsync();
    }

    public void Dispose()
    {
        changes.Changed -= OnChangeState;
        editor.Changed -= OnCandidate;
    }

    private async Task LoadRunningAsync()
    {
        var read = ++_reads;
        RouterConfig? running;
        try
        {
            running = await api.RunningConfigAsync();
        }
        catch (HttpRequestException)
        {
            // Not readable now (signed out, the API restarting): no marks rather than wrong ones.
            running = null;
        }
        if (read != _reads)
            return;
        _running = running;
        Changed?.Invoke();
        await LoadApiChangesAsync();
    }

    /// <summary>The API's change set, while the candidate has a password to compare (a PPPoE uplink's); nothing to ask otherwise.</summary>
    private async Task LoadApiChangesAsync()
    {
        var read = ++_apiReads;
        ConfigChange[] changes = [];
        if (editor.Loaded && editor.Candidate.Pppoe.Count > 0)
        {
            try
            {
                changes = (await api.DiffAsync())?.Changes.ToArray() ?? [];
            }
            catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException)
            {
                // Not readable now: the passwords are left unmarked, as before.
            }
        }
        if (read != _apiReads || (changes.Length == 0 && _apiChanges.Length == 0))
            return;
        _apiChanges = changes;
        Changed?.Invoke();
    }

    private void OnCandidate()
    {
        Changed?.Invoke();
        _ = LoadApiChangesAsync();
    }

    private void OnChangeState()
    {
        if (changes.RunningRevision == _runningRevision)
            return;
        _runningRevision = changes.RunningRevision;
        _ = LoadRunningAsync();
    }
}

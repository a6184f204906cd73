namespace RouterOS.Api.Auth;

/// <summary>
/// Decides which refused anonymous requests the audit log records one by one: the first
/// <see cref="Hosting.RouterApiOptions.AuditRefusalSamplesPerMinute"/> of each kind (status, method and route)
/// in each minute. The rest are only counted, and each minute's count becomes one summary row, written
/// with the next audit entry after that minute ends. An anonymous flood then costs a few rows a minute,
/// whatever its rate, while the trail still says how big it was.
/// </summary>
public sealed class AuditSampler(TimeProvider time, int samplesPerMinute)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Window> _windows = [];

    /// <summary>A minute's refusals of one kind that were counted but not recorded.</summary>
    public sealed record Summary(string Kind, int Status, DateTimeOffset Minute, int NotRecorded);

    /// <summary>True when this refusal is recorded in full; false when it is only counted.</summary>
    public bool Sample(string kind)
    {
        var minute = Minute(time.GetUtcNow());
        lock (_lock)
        {
            if (!_windows.TryGetValue(kind, out var window) || window.Minute != minute)
            {
                // A new minute for this kind: the old window (if it counted anything) waits in Ended for TakeEnded.
                if (window is not null && window.NotRecorded > 0)
                    _ended.Add(window);
                window = new Window(kind, minute);
                _windows[kind] = window;
            }
            if (window.Recorded < samplesPerMinute)
            {
                window.Recorded++;
                return true;
            }
            window.NotRecorded++;
            return false;
        }
    }

    private readonly List<Window> _ended = [];

    /// <summary>The counts of minutes that are over, each once.</summary>
    public IReadOnlyList<Summary> TakeEnded()
    {
        var now = Minute(time.GetUtcNow());
        lock (_lock)
        {
            foreach (var (kind, window) in _windows.Where(pair => pair.Value.Minute != now).ToList())
            {
                if (window.NotRecorded > 0)
                    _ended.Add(window);
                _windows.Remove(kind);
            }
            var ended = _ended.Select(window => new Summary(window.Kind, StatusOf(window.Kind), window.Minute, window.NotRecorded)).ToList();
            _ended.Clear();
            return ended;
        }
    }

    private static int StatusOf(string kind) => int.TryParse(kind.AsSpan(0, Math.Min(3, kind.Length)), out var status) ? status : 0;

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

    private sealed class Window(string kind, DateTimeOffset minute)
    {
        public string Kind { get; } = kind;

        public DateTimeOffset Minute { get; } = minute;

        public int Recorded { get; set; }

        public int NotRecorded { get; set; }
    }
}

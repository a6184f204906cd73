using RouterOS.Domain.Flows;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The last minute of fast-path and classic-path rates for the overview's live chart: one sample
/// per flow report (the engine reports about once a second), the oldest dropped.
/// </summary>
public sealed class RateHistory
{
    public const int Capacity = 60;
    private readonly Queue<(DateTimeOffset At, double Fast, double Classic)> _samples = new();

    public int Count => _samples.Count;

    /// <summary>Adds the report's rates, unless this report was already counted.</summary>
    public bool Add(FlowTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        if (_samples.Count > 0 && _samples.Last().At >= totals.At)
            return false;
        _samples.Enqueue((totals.At, totals.FastPathBytesPerSecond, totals.ClassicBytesPerSecond));
        while (_samples.Count > Capacity)
            _samples.Dequeue();
        return true;
    }

    public IReadOnlyList<double> FastPath => [.. _samples.Select(s => s.Fast)];

    public IReadOnlyList<double> ClassicPath => [.. _samples.Select(s => s.Classic)];

    /// <summary>Seconds before the newest sample ("-12 s"), every tenth labelled so the axis stays readable.</summary>
    public IReadOnlyList<string> Labels()
    {
        if (_samples.Count == 0)
            return [];
        var newest = _samples.Last().At;
        return [.. _samples.Select((s, i) => (_samples.Count - 1 - i) % 10 == 0 ? $"-{(newest - s.At).TotalSeconds:0} s" : "")];
    }
}

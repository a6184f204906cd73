using System.Globalization;
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

    /// <summary>The fast path's rates in bits per second, oldest first (the engine counts bytes).</summary>
    public IReadOnlyList<double> FastPathBits => [.. _samples.Select(s => s.Fast * 8)];

    /// <summary>The classic path's rates in bits per second, oldest first.</summary>
    public IReadOnlyList<double> ClassicPathBits => [.. _samples.Select(s => s.Classic * 8)];

    /// <summary>
    /// The time axis: the newest sample is "now", and every <see cref="LabelEvery"/>th before it
    /// says how long ago it was ("-15 s", "-30 s"); the others are blank so the axis stays readable.
    /// </summary>
    public IReadOnlyList<string> Labels()
    {
        if (_samples.Count == 0)
            return [];
        var newest = _samples.Last().At;
        return [.. _samples.Select((s, i) => (_samples.Count - 1 - i) % LabelEvery != 0 ? "" : Ago(newest - s.At))];
    }

    public const int LabelEvery = 15;

    private static string Ago(TimeSpan age)
    {
        var seconds = (int)Math.Round(age.TotalSeconds);
        return seconds <= 0 ? "now" : string.Create(CultureInfo.InvariantCulture, $"-{seconds} s");
    }

    /// <summary>The highest rate of either path in bits per second: the axis is scaled to it.</summary>
    public double MaxBits => _samples.Count == 0 ? 0 : _samples.Max(s => Math.Max(s.Fast, s.Classic)) * 8;
}

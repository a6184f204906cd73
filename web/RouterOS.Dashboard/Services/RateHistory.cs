using System.Globalization;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The recent rates of a few named series sampled together (fast and classic path, or a link's
/// receive and send), in bits per second, for a live chart: one sample per reading (the engine
/// reads about once a second), the oldest dropped once <see cref="Capacity"/> are kept.
/// </summary>
public sealed class RateHistory
{
    /// <summary>A minute of the engine's once-a-second readings.</summary>
    public const int DefaultCapacity = 60;

    private readonly Queue<(DateTimeOffset At, double[] Bits)> _samples = new();

    public RateHistory(IReadOnlyList<string> names, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentOutOfRangeException.ThrowIfLessThan(names.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Names = names;
        Capacity = capacity;
    }

    /// <summary>What each series is, in words a legend can show ("wan0 receive").</summary>
    public IReadOnlyList<string> Names { get; }

    public int Capacity { get; }

    public int Count => _samples.Count;

    /// <summary>Adds one reading's rates, one per series, unless a reading this new was already counted.</summary>
    public bool Add(DateTimeOffset at, params ReadOnlySpan<double> bitsPerSecond)
    {
        if (bitsPerSecond.Length != Names.Count)
            throw new ArgumentException($"Expected {Names.Count} rates, one per series, got {bitsPerSecond.Length}.", nameof(bitsPerSecond));
        // The feeds repeat their last reading when a page re-renders or the engine is unreachable.
        if (_samples.Count > 0 && _samples.Last().At >= at)
            return false;
        _samples.Enqueue((at, bitsPerSecond.ToArray()));
        while (_samples.Count > Capacity)
            _samples.Dequeue();
        return true;
    }

    /// <summary>One series' rates in bits per second, oldest first.</summary>
    public IReadOnlyList<double> Bits(int series) => [.. _samples.Select(s => s.Bits[series])];

    /// <summary>The newest rate of one series; 0 before the first reading.</summary>
    public double Latest(int series) => _samples.Count == 0 ? 0 : _samples.Last().Bits[series];

    /// <summary>The highest rate of any series: the axis is scaled to it.</summary>
    public double MaxBits => _samples.Count == 0 ? 0 : _samples.Max(s => s.Bits.Max());

    /// <summary>
    /// Four labelled points whatever the capacity: every quarter of the history (15 samples of 60, 30 of 120).
    /// </summary>
    public int LabelEvery => Math.Max(1, Capacity / 4);

    /// <summary>
    /// The time axis: the newest sample is "now", and every <see cref="LabelEvery"/>th before it
    /// says how long ago it was ("-15 s", "-2 min"); the others are blank so the axis stays readable.
    /// </summary>
    public IReadOnlyList<string> Labels()
    {
        if (_samples.Count == 0)
            return [];
        var newest = _samples.Last().At;
        return [.. _samples.Select((s, i) => (_samples.Count - 1 - i) % LabelEvery != 0 ? "" : Ago(newest - s.At))];
    }

    private static string Ago(TimeSpan age)
    {
        var seconds = (int)Math.Round(age.TotalSeconds);
        if (seconds <= 0)
            return "now";
        // Up to two minutes seconds read best ("-90 s"); beyond, whole minutes when they are whole.
        return seconds > 120 && seconds % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"-{seconds / 60} min")
            : string.Create(CultureInfo.InvariantCulture, $"-{seconds} s");
    }
}

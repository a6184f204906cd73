using MudBlazor;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The rate chart's vertical axis: a round step (1, 2 or 5 times a power of ten, in bits per
/// second) so that the highest rate fits in at most <see cref="MaxIntervals"/> steps, which keeps
/// the chart at a few grid lines whatever the traffic, each labelled in kbit/s or Mbit/s.
/// </summary>
public static class RateAxis
{
    public const int MaxIntervals = 5;

    /// <summary>With no traffic the axis still reads from 0 to a few kbit/s rather than collapsing.</summary>
    private const double SmallestStep = 1000;

    /// <summary>An idle link's chart keeps a few grid lines (0 to 4 kbit/s), not just 0 and 1 kbit/s.</summary>
    private const int IdleIntervals = 4;

    public static double Step(double maxBitsPerSecond)
    {
        if (!(maxBitsPerSecond > SmallestStep * MaxIntervals))
            return SmallestStep;
        var rough = maxBitsPerSecond / MaxIntervals;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (var factor in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            if (factor * power >= rough)
                return factor * power;
        }
        return 10 * power;
    }

    /// <summary>The labels of the grid lines from 0 up to the first line at or above the highest rate.</summary>
    public static IReadOnlyList<string> Labels(double maxBitsPerSecond)
    {
        var step = Step(maxBitsPerSecond);
        return [.. Enumerable.Range(0, Intervals(maxBitsPerSecond, step) + 1).Select(i => Format.Bits(i * step))];
    }

    /// <summary>The chart's options for rates up to <paramref name="maxBitsPerSecond"/>: the step, the top at a grid line, labels in bit/s.</summary>
    public static LineChartOptions Options(double maxBitsPerSecond)
    {
        var step = Step(maxBitsPerSecond);
        var lines = Intervals(maxBitsPerSecond, step);
        return new()
        {
            YAxisTicks = (int)Math.Min(step, int.MaxValue),
            MaxNumYAxisTicks = MaxIntervals + 1,
            YAxisSuggestedMax = step * lines,
            YAxisToStringFunc = Format.Bits,
        };
    }

    private static int Intervals(double maxBitsPerSecond, double step) =>
        Math.Max(step == SmallestStep ? IdleIntervals : 1, (int)Math.Ceiling(maxBitsPerSecond / step));
}

using Bunit;
using MudBlazor;
using RouterOS.Dashboard.Services;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Tests;

/// <summary>The rate charts' history and axes: a time axis from "-45 s" to "now", a few grid lines in kbit/s or Mbit/s.</summary>
public sealed class RateChartTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_time_axis_ends_at_now_and_labels_every_fifteenth_second()
    {
        var history = History(60, _ => 1000);

        var labels = history.Labels();

        Assert.Equal(60, labels.Count);
        Assert.Equal(["-45 s", "-30 s", "-15 s", "now"], labels.Where(l => l.Length > 0));
        Assert.Equal("now", labels[^1]);
        Assert.DoesNotContain("-0 s", labels);
    }

    [Fact]
    public void A_two_minute_history_labels_every_half_minute()
    {
        var history = History(150, _ => 1000, capacity: 120);

        Assert.Equal(["-90 s", "-60 s", "-30 s", "now"], history.Labels().Where(l => l.Length > 0));
    }

    [Fact]
    public void The_history_keeps_the_last_minute_once_per_reading()
    {
        var history = History(70, i => i * 8);

        Assert.False(history.Add(Start.AddSeconds(69), 999));
        Assert.Equal(RateHistory.DefaultCapacity, history.Count);
        Assert.Equal(69 * 8, history.Bits(0)[^1]);
        Assert.Equal(10 * 8, history.Bits(0)[0]);
        Assert.Equal(69 * 8, history.MaxBits);
        Assert.Equal(("", "-45 s"), (history.Labels()[0], history.Labels()[14]));
    }

    [Fact]
    public void Each_reading_gives_one_rate_per_series()
    {
        var history = new RateHistory(["wan0 receive", "wan0 send"]);

        Assert.Throws<ArgumentException>(() => history.Add(Start, 1000));
        Assert.True(history.Add(Start, 1000, 3000));
        Assert.Equal(3000, history.Latest(1));
        Assert.Equal(3000, history.MaxBits);
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(4_000, 1000)]
    [InlineData(89_128_960, 20_000_000)]
    [InlineData(10_000_000, 2_000_000)]
    [InlineData(10_000_001, 5_000_000)]
    [InlineData(940_000_000, 200_000_000)]
    public void The_axis_steps_are_round_and_few(double maxBits, double step)
    {
        Assert.Equal(step, RateAxis.Step(maxBits));
        Assert.InRange(RateAxis.Labels(maxBits).Count, 2, RateAxis.MaxIntervals + 1);
    }

    [Fact]
    public void An_idle_axis_keeps_a_few_grid_lines() =>
        Assert.Equal(["0 bit/s", "1 kbit/s", "2 kbit/s", "3 kbit/s", "4 kbit/s"], RateAxis.Labels(0));

    [Fact]
    public async Task The_chart_draws_four_to_six_grid_lines_labelled_in_bits_per_second()
    {
        // 11141120 bytes/s, the rate the tester saw as a raw number on the axis.
        var history = History(60, i => (i == 59 ? 11_141_120 : 1_000_000) * 8);
        await using var context = new DashboardContext(RouterConfig.Empty);

        var chart = context.Render<MudChart<double>>(p => p
            .Add(c => c.ChartType, ChartType.Line)
            .Add(c => c.ChartSeries, [new ChartSeries<double> { Name = "Fast path", Data = new ChartData<double>(history.Bits(0)) }])
            .Add(c => c.ChartLabels, [.. history.Labels()])
            .Add(c => c.ChartOptions, RateAxis.Options(history.MaxBits)));

        var texts = chart.FindAll("svg text").Select(t => t.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        var yLabels = texts.Where(t => t.EndsWith("bit/s", StringComparison.Ordinal)).ToList();
        Assert.InRange(yLabels.Count, 4, 6);
        Assert.Contains("100 Mbit/s", yLabels);
        Assert.DoesNotContain(texts, t => t.Contains("11141120", StringComparison.Ordinal));
        Assert.Contains("now", texts);
        Assert.DoesNotContain("-0 s", texts);
    }

    private static RateHistory History(int samples, Func<int, double> bitsPerSecond, int capacity = RateHistory.DefaultCapacity)
    {
        var history = new RateHistory(["Fast path"], capacity);
        for (var i = 0; i < samples; i++)
            history.Add(Start.AddSeconds(i), bitsPerSecond(i));
        return history;
    }
}

using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Values;

public class FlowtablePriorityTests
{
    [Theory]
    [InlineData("filter", 0, true, "filter")]
    [InlineData("filter + 10", 10, true, "filter + 10")]
    [InlineData("filter+10", 10, true, "filter + 10")]
    [InlineData("filter - 5", -5, true, "filter - 5")]
    [InlineData("filter + 0", 0, true, "filter")]
    [InlineData("0", 0, false, "0")]
    [InlineData("-300", -300, false, "-300")]
    [InlineData("2147483647", int.MaxValue, false, "2147483647")]
    [InlineData("-2147483648", int.MinValue, false, "-2147483648")]
    public void Reads_numbers_and_filter_relative_priorities(string text, int value, bool symbolic, string written)
    {
        var priority = FlowtablePriority.Parse(text);
        Assert.Equal(value, priority.Value);
        Assert.Equal(symbolic, priority.IsFilterRelative);
        Assert.Equal(written, priority.ToString());
    }

    [Theory]
    [InlineData("2147483648", "signed 32-bit")]
    [InlineData("filter + 2147483648", "signed 32-bit")]
    [InlineData("raw", "not a flowtable priority")]
    [InlineData("filter +", "not a flowtable priority")]
    [InlineData("filter * 2", "not a flowtable priority")]
    [InlineData("filterx", "not a flowtable priority")]
    [InlineData("", "not a flowtable priority")]
    [InlineData("filter + 99999999999999", "not a flowtable priority")]
    public void Refuses_other_names_and_numbers_past_s32(string text, string expected)
    {
        Assert.False(FlowtablePriority.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_from_json_past_s32_are_refused() =>
        Assert.False(FlowtablePriority.TryFromNumber((long)int.MaxValue + 1, out _, out _));
}

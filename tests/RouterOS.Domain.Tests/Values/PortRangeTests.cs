using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Values;

public class PortRangeTests
{
    [Theory]
    [InlineData("443", 443, 443)]
    [InlineData("1", 1, 1)]
    [InlineData("65535", 65535, 65535)]
    [InlineData("8000-8080", 8000, 8080)]
    [InlineData("53-53", 53, 53)]
    public void Reads_a_port_or_an_inclusive_range(string text, int first, int last)
    {
        var range = PortRange.Parse(text);
        Assert.Equal((first, last), (range.First, range.Last));
    }

    [Theory]
    [InlineData("0", "out of range")]
    [InlineData("65536", "out of range")]
    [InlineData("99999999999", "out of range")]
    [InlineData("8080-8000", "runs backwards")]
    [InlineData("1-2-3", "not a port")]
    [InlineData("-5", "not a port")]
    [InlineData("http", "not a port")]
    [InlineData("", "not a port")]
    [InlineData("80-", "not a port")]
    public void Refuses_what_is_not_a_port_or_range(string text, string expected)
    {
        Assert.False(PortRange.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Containment_and_overlap_follow_the_bounds()
    {
        var wide = PortRange.Parse("1000-2000");
        Assert.True(wide.Contains(PortRange.Parse("1500-1600")));
        Assert.False(wide.Contains(PortRange.Parse("1500-2500")));
        Assert.True(wide.Overlaps(PortRange.Parse("1500-2500")));
        Assert.False(wide.Overlaps(PortRange.OfPort(2001)));
    }

    [Fact]
    public void Writes_a_single_port_as_a_number_and_a_range_as_text()
    {
        Assert.Equal("443", PortRange.OfPort(443).ToString());
        Assert.Equal("8000-8080", PortRange.Parse("8000-8080").ToString());
    }
}

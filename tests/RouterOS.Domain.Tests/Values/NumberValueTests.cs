using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Values;

public class NumberValueTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(4094)]
    public void VlanId_accepts_1_to_4094(long number)
    {
        Assert.True(VlanId.TryFromNumber(number, out var id, out _));
        Assert.Equal(number, id.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4095)]
    [InlineData(-1)]
    [InlineData(long.MaxValue)]
    public void VlanId_refuses_0_4095_and_beyond(long number)
    {
        Assert.False(VlanId.TryFromNumber(number, out _, out var problem));
        Assert.Contains("out of range", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10", true)]
    [InlineData(" 10", false)]
    [InlineData("+10", false)]
    [InlineData("1e3", false)]
    [InlineData("ten", false)]
    public void VlanId_text_is_plain_digits(string text, bool valid) =>
        Assert.Equal(valid, VlanId.TryParse(text, out _, out _));

    [Theory]
    [InlineData(68, true)]
    [InlineData(1500, true)]
    [InlineData(9000, true)]
    [InlineData(65535, true)]
    [InlineData(67, false)]
    [InlineData(65536, false)]
    [InlineData(0, false)]
    public void Mtu_is_ETH_MIN_MTU_to_ETH_MAX_MTU(long number, bool valid) =>
        Assert.Equal(valid, Mtu.TryFromNumber(number, out _, out _));

    [Fact]
    public void Mtu_compares_by_size() => Assert.True(Mtu.From(1492) < Mtu.From(1500));

    [Theory]
    [InlineData(0, "cs0")]
    [InlineData(46, "ef")]
    [InlineData(34, "af41")]
    [InlineData(1, "le")]
    [InlineData(63, "63")]
    public void Dscp_shows_its_standard_name_when_it_has_one(long number, string shown)
    {
        Assert.True(Dscp.TryFromNumber(number, out var dscp, out _));
        Assert.Equal(shown, dscp.ToString());
    }

    [Theory]
    [InlineData("EF", 46)]
    [InlineData("af11", 10)]
    [InlineData("cs7", 56)]
    [InlineData("12", 12)]
    public void Dscp_reads_names_in_any_case_and_numbers(string text, int value) =>
        Assert.Equal(value, Dscp.Parse(text).Value);

    [Theory]
    [InlineData("64")]
    [InlineData("af44")]
    [InlineData("-1")]
    [InlineData("")]
    public void Dscp_refuses_out_of_range_and_unknown_names(string text) =>
        Assert.False(Dscp.TryParse(text, out _, out _));
}

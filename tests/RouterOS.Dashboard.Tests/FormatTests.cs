using RouterOS.Dashboard.Services;

namespace RouterOS.Dashboard.Tests;

/// <summary>Numbers as the administrator reads them: sizes and counts humanised, rates in bit/s, protocols by name.</summary>
public sealed class FormatTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(950, "950 B")]
    [InlineData(1280, "1.3 kB")]
    [InlineData(25_000, "25 kB")]
    [InlineData(999_999, "1 MB")]
    [InlineData(3_400_000_000, "3.4 GB")]
    public void Sizes_use_si_prefixes(double bytes, string expected) => Assert.Equal(expected, Format.Bytes(bytes));

    [Theory]
    [InlineData(0, "0 bit/s")]
    [InlineData(100, "800 bit/s")]
    [InlineData(125_000, "1 Mbit/s")]
    [InlineData(1_392_640, "11.1 Mbit/s")]
    [InlineData(1_250_000_000, "10 Gbit/s")]
    public void Rates_counted_in_bytes_are_shown_in_bits(double bytesPerSecond, string expected) => Assert.Equal(expected, Format.Rate(bytesPerSecond));

    [Theory]
    [InlineData(7, "7")]
    [InlineData(9_999, "9,999")]
    [InlineData(12_345, "12.3k")]
    [InlineData(1_200_000, "1.2M")]
    public void Counts_are_exact_when_short_and_shortened_when_long(double count, string expected) => Assert.Equal(expected, Format.Count(count));

    [Theory]
    [InlineData(2, "2", "igmp")]
    [InlineData(47, "47", "gre")]
    [InlineData(50, "50", "esp")]
    [InlineData(51, "", "ah")]
    [InlineData(58, "58", "ipv6-icmp")]
    [InlineData(132, "132", "sctp")]
    [InlineData(6, "tcp", "tcp")]
    [InlineData(253, "253", "protocol 253")]
    public void Protocols_the_engine_sends_as_numbers_are_named(int number, string sent, string expected) =>
        Assert.Equal(expected, Format.Protocol(number, sent));
}

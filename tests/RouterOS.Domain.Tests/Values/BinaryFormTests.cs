using System.Net;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Values;

/// <summary>Values made from the binary forms the kernel reports: equal to, and printed as, the same value read from text.</summary>
public class BinaryFormTests
{
    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:192.0.2.1")]
    public void IpAddress_from_binary_equals_and_prints_as_from_text(string text)
    {
        var binary = IpAddress.From(IPAddress.Parse(text));
        Assert.Equal((IpAddress.Parse(text), text), (binary, binary.ToString()));
    }

    [Fact]
    public void IpAddress_from_binary_refuses_a_zone()
    {
        var zoned = new IPAddress(IPAddress.Parse("fe80::1").GetAddressBytes(), scopeid: 2);
        Assert.Throws<ArgumentException>(() => IpAddress.From(zoned));
    }

    [Theory]
    [InlineData("192.0.2.1", 24, "192.0.2.1/24")]
    [InlineData("2001:db8::1", 64, "2001:db8::1/64")]
    public void InterfaceAddress_of_an_address_and_prefix_equals_the_parsed_one(string address, int prefix, string text)
    {
        var of = InterfaceAddress.Of(IpAddress.Parse(address), prefix);
        Assert.Equal((InterfaceAddress.Parse(text), text), (of, of.ToString()));
    }

    [Fact]
    public void InterfaceAddress_of_takes_a_network_address_the_kernel_may_hold()
    {
        Assert.False(InterfaceAddress.TryParse("192.0.2.0/24", out _, out _));
        Assert.Equal("192.0.2.0/24", InterfaceAddress.Of(IpAddress.Parse("192.0.2.0"), 24).ToString());
    }

    [Theory]
    [InlineData("192.0.2.1", 33)]
    [InlineData("2001:db8::1", 129)]
    [InlineData("192.0.2.1", -1)]
    public void InterfaceAddress_of_refuses_a_prefix_out_of_range(string address, int prefix) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InterfaceAddress.Of(IpAddress.Parse(address), prefix));

    [Fact]
    public void MacAddress_from_octets_equals_the_parsed_one_and_gives_its_octets_back()
    {
        byte[] octets = [0x02, 0x00, 0x5e, 0x10, 0x00, 0xa1];
        Assert.True(MacAddress.TryFromOctets(octets, out var mac, out _));
        var parsed = MacAddress.Parse("02:00:5E:10:00:A1");
        Assert.Equal((parsed, parsed.GetHashCode(), "02:00:5e:10:00:a1"), (mac, mac.GetHashCode(), mac.ToString()));
        Assert.Equal(octets, parsed.ToOctets());
        Assert.NotEqual(parsed, MacAddress.Parse("02:00:5e:10:00:a2"));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0 }, "not a usable")]
    [InlineData(new byte[] { 0x01, 0x00, 0x5e, 0, 0, 1 }, "01:00:5e:00:00:01 is a multicast")]
    [InlineData(new byte[] { 0x02, 0, 0, 0, 1 }, "6 octets")]
    public void MacAddress_from_octets_refuses_what_text_would(byte[] octets, string expected)
    {
        Assert.False(MacAddress.TryFromOctets(octets, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}

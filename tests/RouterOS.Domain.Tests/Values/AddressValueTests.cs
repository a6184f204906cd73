using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Values;

public class AddressValueTests
{
    [Theory]
    [InlineData("192.0.2.1", IpFamily.Ipv4)]
    [InlineData("0.0.0.0", IpFamily.Ipv4)]
    [InlineData("255.255.255.255", IpFamily.Ipv4)]
    [InlineData("2001:db8::1", IpFamily.Ipv6)]
    [InlineData("::", IpFamily.Ipv6)]
    [InlineData("::ffff:192.0.2.1", IpFamily.Ipv6)]
    public void IpAddress_reads_plain_written_forms(string text, IpFamily family) =>
        Assert.Equal(family, IpAddress.Parse(text).Family);

    [Theory]
    [InlineData("10.1")] // inet_aton would read 10.0.0.1
    [InlineData("010.0.0.1")] // and this as octal
    [InlineData("256.0.0.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3.")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[2001:db8::1]")]
    [InlineData("2001:db8:::1")]
    [InlineData("")]
    [InlineData(" 192.0.2.1")]
    public void IpAddress_refuses_ambiguous_and_decorated_forms(string text) =>
        Assert.False(IpAddress.TryParse(text, out _, out _));

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("0.0.0.0/0")]
    [InlineData("192.0.2.7/32")]
    [InlineData("2001:db8::/32")]
    [InlineData("::/0")]
    public void Cidr_reads_networks(string text) => Assert.Equal(text, Cidr.Parse(text).ToString());

    [Fact]
    public void Cidr_reads_a_bare_address_as_one_host()
    {
        Assert.Equal("192.0.2.7/32", Cidr.Parse("192.0.2.7").ToString());
        Assert.Equal("2001:db8::1/128", Cidr.Parse("2001:db8::1").ToString());
    }

    [Theory]
    [InlineData("10.0.0.1/8", "host bits set: the network is 10.0.0.0/8")]
    [InlineData("10.0.0.0/33", "out of range: use 0 to 32")]
    [InlineData("2001:db8::/129", "out of range: use 0 to 128")]
    [InlineData("10.0.0.0/", "out of range")]
    [InlineData("10.0.0.0/-1", "out of range")]
    [InlineData("nonsense/8", "not a network")]
    public void Cidr_refuses_host_bits_and_bad_prefixes(string text, string expected)
    {
        Assert.False(Cidr.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Cidr_containment_respects_prefix_and_family()
    {
        var net = Cidr.Parse("10.0.0.0/8");
        Assert.True(net.Contains(IpAddress.Parse("10.255.0.1")));
        Assert.False(net.Contains(IpAddress.Parse("11.0.0.1")));
        Assert.True(net.Contains(Cidr.Parse("10.1.0.0/16")));
        Assert.False(Cidr.Parse("10.1.0.0/16").Contains(net));
        Assert.True(Cidr.Parse("10.1.0.0/16").Overlaps(net));
        Assert.False(Cidr.Parse("::/0").Contains(IpAddress.Parse("10.0.0.1")));
        Assert.True(Cidr.Parse("0.0.0.0/0").Contains(IpAddress.Parse("203.0.113.9")));
    }

    [Theory]
    [InlineData("192.168.1.1/24", "192.168.1.0/24")]
    [InlineData("10.0.0.1/31", "10.0.0.0/31")]
    [InlineData("10.0.0.0/31", "10.0.0.0/31")] // RFC 3021: both ends of a /31 are hosts
    [InlineData("203.0.113.5/32", "203.0.113.5/32")]
    [InlineData("2001:db8::1/64", "2001:db8::/64")]
    public void InterfaceAddress_keeps_the_host_and_knows_its_subnet(string text, string subnet)
    {
        var address = InterfaceAddress.Parse(text);
        Assert.Equal(text, address.ToString());
        Assert.Equal(subnet, address.Subnet.ToString());
    }

    [Theory]
    [InlineData("192.168.1.1", "needs a prefix length")]
    [InlineData("192.168.1.0/24", "network address")]
    [InlineData("192.168.1.255/24", "broadcast address")]
    [InlineData("10.0.0.3/30", "broadcast address")]
    [InlineData("192.168.1.1/40", "out of range")]
    [InlineData("192.168.1/24", "not an IP address")]
    public void InterfaceAddress_refuses_missing_prefix_network_and_broadcast(string text, string expected)
    {
        Assert.False(InterfaceAddress.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("02:00:5E:10:00:01", "02:00:5e:10:00:01")]
    [InlineData("02-00-5e-10-00-01", "02:00:5e:10:00:01")]
    [InlineData("a8:5e:45:00:00:01", "a8:5e:45:00:00:01")]
    public void MacAddress_reads_colons_or_dashes_and_writes_lower_case_colons(string text, string written) =>
        Assert.Equal(written, MacAddress.Parse(text).Value);

    [Theory]
    [InlineData("01:00:5e:00:00:01", "multicast")]
    [InlineData("ff:ff:ff:ff:ff:ff", "multicast")]
    [InlineData("00:00:00:00:00:00", "not a usable")]
    [InlineData("02:00:5e:10:00", "not a MAC address")]
    [InlineData("02:00:5e:10:00:0g", "not a MAC address")]
    [InlineData("0200.5e10.0001", "not a MAC address")]
    public void MacAddress_refuses_multicast_zero_and_malformed(string text, string expected)
    {
        Assert.False(MacAddress.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}

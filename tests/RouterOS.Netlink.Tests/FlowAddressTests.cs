using System.Net;
using CsCheck;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Netlink.Tests;

public sealed class FlowAddressTests
{
    [Fact]
    public void Any_address_round_trips_through_its_bytes()
    {
        Gen.Select(Gen.Bool, Gen.Byte.Array[16]).Sample((v6, bytes) =>
        {
            var address = new IPAddress(v6 ? bytes : bytes[..4]);
            var flow = FlowAddress.From(address);
            Assert.Equal(address, flow.ToIPAddress());
            Assert.Equal(v6, flow.IsV6);
            Assert.Equal(address.ToString(), flow.ToString());
        });
    }

    [Theory]
    [InlineData("192.168.1.77", "192.168.1.0", 24, true)]
    [InlineData("192.168.2.77", "192.168.1.0", 24, false)]
    [InlineData("10.0.0.1", "0.0.0.0", 0, true)]
    [InlineData("10.0.0.1", "10.0.0.1", 32, true)]
    [InlineData("2001:db8::5", "2001:db8::", 64, true)]
    [InlineData("2001:db9::5", "2001:db8::", 64, false)]
    [InlineData("192.168.1.1", "::", 0, false)]
    public void Network_membership_follows_the_prefix(string address, string network, int prefix, bool inside) =>
        Assert.Equal(inside, FlowAddress.Parse(address).IsIn(FlowAddress.Parse(network), prefix));
}

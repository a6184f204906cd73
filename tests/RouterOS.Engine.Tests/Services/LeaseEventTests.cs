using System.Net;
using RouterOS.Engine.Services;

namespace RouterOS.Engine.Tests.Services;

/// <summary>The DHCP hook's lines carry what a DHCP server sent: parsed strictly.</summary>
public sealed class LeaseEventTests
{
    [Fact]
    public void A_bound_line_is_a_lease_with_its_prefix_gateway_and_dns()
    {
        var lease = LeaseEvent.Parse("routeros-dhcp|bound|198.51.100.12|255.255.255.0|198.51.100.1 198.51.100.2|198.51.100.53 9.9.9.9|120|198.51.100.1")!;

        Assert.True(lease.IsLease);
        Assert.Equal((IPAddress.Parse("198.51.100.12"), (byte)24, IPAddress.Parse("198.51.100.1")), (lease.Address, lease.PrefixLength, lease.Gateway));
        Assert.Equal([IPAddress.Parse("198.51.100.53"), IPAddress.Parse("9.9.9.9")], lease.DnsServers);
        Assert.Equal(120, lease.LeaseSeconds);
    }

    [Theory]
    [InlineData("routeros-dhcp|bound|198.51.100.12|255.0.255.0|||120|", "a mask with holes")]
    [InlineData("routeros-dhcp|bound|not-an-ip|24|||120|", "no address")]
    [InlineData("routeros-dhcp|bound|2001:db8::1|64|||120|", "not IPv4")]
    public void A_bound_line_without_a_usable_address_and_prefix_is_no_lease(string line, string why)
    {
        var parsed = LeaseEvent.Parse(line);

        Assert.True(parsed is { IsLease: false }, why);
    }

    [Theory]
    [InlineData("udhcpc: sending discover")]
    [InlineData("routeros-dhcp|reboot-the-router|1.2.3.4|24||||")]
    [InlineData("routeros-dhcp|bound|1.2.3.4|24")]
    public void Other_lines_and_unknown_events_are_not_events(string line) => Assert.Null(LeaseEvent.Parse(line));

    [Fact]
    public void Junk_in_the_router_and_dns_lists_is_dropped()
    {
        var lease = LeaseEvent.Parse("routeros-dhcp|renew|198.51.100.12|24|$(reboot) 198.51.100.1|;rm|60|")!;

        Assert.Equal([IPAddress.Parse("198.51.100.1")], lease.Routers);
        Assert.Empty(lease.DnsServers);
    }
}

using System.Net;
using CsCheck;
using RouterOS.Domain.Values;
using RouterOS.Engine.Services.Ipv6;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Tests.Services.Ipv6;

/// <summary>dhcpcd's hook line: what the ISP sent, parsed strictly, and how each event changes the lease.</summary>
public sealed class Dhcpv6EventTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-08T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static string Line(params string[] fields) => Dhcpv6Event.Marker + string.Join('|', fields);

    [Fact]
    public void A_bound_event_gives_the_prefix_the_address_their_lifetimes_and_the_dns_servers()
    {
        var e = Dhcpv6Event.Parse(Line("BOUND6", "2001:db8:100::", "56", "1800", "3600", "2001:db8:0:1::100", "600", "1200",
            "2001:db8::53 2001:db8::54", "", "", "000200007ed90102"))!;

        Assert.True(e.IsLease);
        Assert.Equal(Cidr.Parse("2001:db8:100::/56"), e.Prefix);
        Assert.Equal(new AddressLifetime(1800, 3600), e.PrefixLifetime);
        Assert.Equal(IPAddress.Parse("2001:db8:0:1::100"), e.Address);
        Assert.Equal([IPAddress.Parse("2001:db8::53"), IPAddress.Parse("2001:db8::54")], e.DnsServers);
        Assert.Equal("000200007ed90102", e.ServerId);
    }

    [Theory]
    [InlineData("2001:db8:100::", "65")]
    [InlineData("198.51.100.0", "24")]
    [InlineData("2001:db8:100::;reboot", "56")]
    [InlineData("", "56")]
    public void A_prefix_that_is_not_an_ipv6_prefix_of_at_most_64_bits_is_dropped(string prefix, string length) =>
        Assert.Null(Dhcpv6Event.Parse(Line("BOUND6", prefix, length, "10", "20", "", "", "", "", "", "", ""))!.Prefix);

    [Theory]
    [InlineData("BOUND6|x")]
    [InlineData("bound6|||||||||||")]
    [InlineData("")]
    public void A_line_of_another_shape_is_not_an_event(string rest) => Assert.Null(Dhcpv6Event.Parse(Dhcpv6Event.Marker + rest));

    [Fact]
    public void A_preferred_lifetime_past_the_valid_one_is_clamped_to_it() =>
        Assert.Equal(new AddressLifetime(20, 20), Dhcpv6Event.Parse(Line("RENEW6", "2001:db8:100::", "56", "90", "20", "", "", "", "", "", "", ""))!.PrefixLifetime);

    [Fact]
    public void An_advertisement_names_a_default_router_only_by_its_link_local_address_and_a_positive_lifetime()
    {
        var lease = Dhcpv6Lease.None.After(Dhcpv6Event.Parse(Line("ROUTERADVERT", "", "", "", "", "", "", "", "", "fe80::1", "1800", ""))!, Now);
        Assert.Equal(IPAddress.Parse("fe80::1"), lease.DefaultRouter);
        Assert.Null(lease.After(Dhcpv6Event.Parse(Line("ROUTERADVERT", "", "", "", "", "", "", "", "", "fe80::1", "0", ""))!, Now).DefaultRouter);
        Assert.Null(Dhcpv6Lease.None.After(Dhcpv6Event.Parse(Line("ROUTERADVERT", "", "", "", "", "", "", "", "", "2001:db8::1", "1800", ""))!, Now).DefaultRouter);
    }

    [Fact]
    public void An_expired_lease_keeps_the_router_and_a_stopped_client_keeps_nothing()
    {
        var lease = Dhcpv6Lease.None
            .After(Dhcpv6Event.Parse(Line("ROUTERADVERT", "", "", "", "", "", "", "", "", "fe80::1", "1800", ""))!, Now)
            .After(Dhcpv6Event.Parse(Line("BOUND6", "2001:db8:100::", "56", "10", "20", "", "", "", "", "", "", ""))!, Now);
        Assert.NotNull(lease.Prefix);

        var expired = lease.After(Dhcpv6Event.Parse(Line("EXPIRE6", "", "", "", "", "", "", "", "", "", "", ""))!, Now);
        Assert.Null(expired.Prefix);
        Assert.NotNull(expired.DefaultRouter);
        Assert.Equal(Dhcpv6Lease.None, lease.After(Dhcpv6Event.Parse(Line("STOP6", "", "", "", "", "", "", "", "", "", "", ""))!, Now));
    }

    [Fact]
    public void Lifetimes_left_count_down_from_when_the_lease_came_and_forever_stays_forever()
    {
        var binding = new Dhcpv6Binding<Cidr>(Cidr.Parse("2001:db8:100::/56"), new AddressLifetime(20, 40), Now);
        Assert.Equal(new AddressLifetime(0, 15), binding.RemainingAt(Now.AddSeconds(25)));
        Assert.Equal(AddressLifetime.Forever, (binding with { Lifetime = AddressLifetime.Forever }).RemainingAt(Now.AddDays(1)));
    }

    [Fact]
    public void Random_lines_never_throw() =>
        Gen.String[Gen.Char["|:0123456789abcdefBOUND6RENW ."], 0, 120].Sample(text =>
        {
            _ = Dhcpv6Event.Parse(Dhcpv6Event.Marker + text);
            _ = Dhcpv6Event.Parse(Dhcpv6Event.Marker + text.Replace(',', '|'));
        }, iter: 5000);
}

using System.Net;
using RouterOS.Domain.Values;

namespace RouterOS.Engine.Services.Ipv6;

/// <summary>
/// What an uplink has from the ISP over IPv6 now: the delegated prefix, its own address, the DNS
/// servers (from the DHCPv6 server), and the router advertising itself on the link.
/// </summary>
/// <param name="RouterLifetimeSeconds">The advertisement's router lifetime: 0 says it is no default router (RFC 4861 section 4.2).</param>
public sealed record Dhcpv6Lease(
    Dhcpv6Binding<Cidr>? Prefix,
    Dhcpv6Binding<IPAddress>? Address,
    IReadOnlyList<IPAddress> DnsServers,
    IPAddress? Router,
    uint RouterLifetimeSeconds)
{
    public static Dhcpv6Lease None { get; } = new(null, null, [], null, 0);

    /// <summary>The default router, when the advertisement offered one.</summary>
    public IPAddress? DefaultRouter => RouterLifetimeSeconds > 0 ? Router : null;

    /// <summary>This lease after <paramref name="e"/>: a lease event replaces the DHCPv6 part, a loss clears it, an advertisement replaces the router.</summary>
    public Dhcpv6Lease After(Dhcpv6Event e, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.IsRouterAdvertisement)
            return this with { Router = e.Router, RouterLifetimeSeconds = e.Router is null ? 0 : e.RouterLifetimeSeconds };
        if (e.IsLoss)
            return e.Reason is "STOP6" or "DEPARTED" ? None : this with { Prefix = null, Address = null, DnsServers = [] };
        if (!e.IsLease)
            return this;
        return this with
        {
            Prefix = e.Prefix is { } prefix && e.PrefixLifetime.ValidSeconds > 0 ? new(prefix, e.PrefixLifetime, now) : null,
            Address = e.Address is { } address && e.AddressLifetime.ValidSeconds > 0 ? new(address, e.AddressLifetime, now) : null,
            DnsServers = e.DnsServers,
        };
    }
}

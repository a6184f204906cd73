using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>
/// IPv6 from the ISP to the LANs, as every ISP that sells it to homes hands it out: the router
/// asks over its uplink for a delegated prefix (DHCPv6 prefix delegation, RFC 8415) and numbers
/// each LAN network with a /64 out of it, announced by router advertisements (RFC 4861). ISPs that
/// route a prefix by hand get <see cref="StaticPrefixes"/> instead. Static IPv6 addresses and
/// routes stay in the configuration's addresses and routes.
/// </summary>
public sealed record Ipv6Settings(
    EquatableArray<Dhcpv6Client> Clients = default,
    EquatableArray<StaticPrefix> StaticPrefixes = default,
    EquatableArray<LanIpv6> Lans = default)
{
    public static Ipv6Settings Default { get; } = new();
}

/// <summary>
/// A DHCPv6 client on an uplink (an Ethernet device to the ISP's modem, or a PPPoE session with
/// <see cref="PppoeUplink.Ipv6"/> on): it asks for a delegated prefix and, optionally, an address
/// of its own; the default route comes from the ISP's router advertisement.
/// </summary>
/// <param name="Uplink">The uplink device: a port, a VLAN device or a PPPoE uplink's name.</param>
/// <param name="PrefixHintLength">
/// The prefix size to ask for (the hint of RFC 8415 section 18.2.1); the ISP decides what it gives.
/// 56 is what most ISPs give homes (RIPE-690 recommends /56 or /48).
/// </param>
/// <param name="RequestAddress">Ask for an address for the uplink itself too (IA_NA); many ISPs give none.</param>
/// <param name="DefaultRoute">Route IPv6 to the internet through the router that advertises itself on this uplink.</param>
/// <param name="RouteMetric">That route's metric, so a backup uplink can sit behind it.</param>
/// <param name="UsePeerDns">Use the DNS servers the ISP's DHCPv6 server gives as the router's upstreams.</param>
public sealed record Dhcpv6Client(
    InterfaceName Uplink,
    int PrefixHintLength = Dhcpv6Client.DefaultPrefixHintLength,
    bool RequestAddress = true,
    bool DefaultRoute = true,
    int RouteMetric = 0,
    bool UsePeerDns = true)
{
    public const int DefaultPrefixHintLength = 56;

    /// <summary>RIPE-690: a /48 is the most an end site is given.</summary>
    public const int ShortestPrefixHint = 48;
}

/// <summary>A prefix the ISP routes to the router by hand (some business lines): the LANs are numbered from it as from a delegated one.</summary>
/// <param name="Uplink">The uplink the ISP routes it over.</param>
/// <param name="Prefix">The routed prefix, e.g. 2001:db8:42::/48; /48 to /64.</param>
public sealed record StaticPrefix(InterfaceName Uplink, Cidr Prefix);

/// <summary>How the hosts of an IPv6 LAN get their addresses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Ipv6LanMode>))]
public enum Ipv6LanMode
{
    /// <summary>SLAAC (RFC 4862) with the DNS server in the advertisement (RDNSS, RFC 8106): every host, Android included.</summary>
    [JsonStringEnumMemberName("slaac")] Slaac,

    /// <summary>SLAAC, plus stateless DHCPv6 (RFC 8415 section 6.1) for hosts that ask for DNS that way.</summary>
    [JsonStringEnumMemberName("slaac-dhcp")] SlaacAndStatelessDhcp,

    /// <summary>Addresses leased by DHCPv6 (the advertisement's M flag), as well as SLAAC for hosts without a DHCPv6 client.</summary>
    [JsonStringEnumMemberName("dhcp")] Stateful,
}

/// <summary>
/// IPv6 on one LAN network: a /64 from the uplink's prefix (and from the ULA prefix, when the
/// router has one), announced by router advertisements with the router as DNS server (RDNSS).
/// </summary>
/// <param name="Device">The LAN's device: a bridge, a port or a VLAN device.</param>
/// <param name="Uplink">Whose prefix numbers it; the only DHCPv6 client or static prefix when not set.</param>
/// <param name="SubnetId">
/// Which /64 of the prefix (VyOS's sla-id): 0 is the first. When not set, the lowest id no other
/// LAN of the same uplink takes, in list order.
/// </param>
public sealed record LanIpv6(
    InterfaceName Device,
    InterfaceName? Uplink = null,
    int? SubnetId = null,
    Ipv6LanMode Mode = Ipv6LanMode.SlaacAndStatelessDhcp)
{
    /// <summary>Every LAN is a /64: SLAAC needs exactly 64 bits of interface identifier (RFC 4291 section 2.5.1).</summary>
    public const int SubnetLength = 64;
}

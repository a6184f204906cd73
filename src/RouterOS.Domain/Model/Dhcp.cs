using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>DHCP clients on uplinks and DHCP servers for the LANs.</summary>
public sealed record DhcpSettings(
    EquatableArray<DhcpClient> Clients = default,
    EquatableArray<DhcpServer> Servers = default)
{
    public static DhcpSettings Default { get; } = new();
}

/// <summary>
/// A DHCPv4 client on an uplink (a port or VLAN device to the ISP's modem). The engine applies the
/// lease: address, default route with <see cref="RouteMetric"/>, and the offered DNS servers.
/// </summary>
/// <param name="Hostname">Sent to the server as option 12; the router's host name when not set.</param>
public sealed record DhcpClient(
    InterfaceName Device,
    bool DefaultRoute = true,
    int RouteMetric = 0,
    bool UsePeerDns = true,
    DnsName? Hostname = null);

/// <summary>
/// A DHCPv4 server on a LAN device (served by dnsmasq). The range must lie in the subnet of an
/// IPv4 address configured on that device.
/// </summary>
/// <param name="LeaseTimeSeconds">How long a lease lasts; dnsmasq refuses less than 120 s.</param>
/// <param name="Domain">Local domain handed out (option 15) and answered by the router's DNS.</param>
/// <param name="DnsServers">DNS servers to announce; the router itself when empty.</param>
public sealed record DhcpServer(
    InterfaceName Device,
    IpAddress RangeStart,
    IpAddress RangeEnd,
    int LeaseTimeSeconds = DhcpServer.DefaultLeaseTimeSeconds,
    DnsName? Domain = null,
    EquatableArray<IpAddress> DnsServers = default,
    EquatableArray<StaticLease> StaticLeases = default,
    bool Enabled = true)
{
    /// <summary>Twelve hours, as most home routers hand out.</summary>
    public const int DefaultLeaseTimeSeconds = 43200;

    /// <summary>dnsmasq's minimum lease time (dnsmasq(8), --dhcp-range: "The minimum lease time is two minutes").</summary>
    public const int MinLeaseTimeSeconds = 120;

    /// <summary>A year: longer is indistinguishable from infinite for a home LAN and overflows some clients.</summary>
    public const int MaxLeaseTimeSeconds = 31_536_000;
}

/// <summary>A fixed address for one client, by its MAC address.</summary>
public sealed record StaticLease(MacAddress Mac, IpAddress Address, DnsName? Hostname = null);

/// <summary>The router's DNS forwarder (dnsmasq) for the LANs.</summary>
/// <param name="UpstreamServers">Where to forward queries; the uplinks' DNS servers when empty.</param>
/// <param name="CacheSize">Names dnsmasq caches (its cache-size).</param>
/// <param name="RebindAllowedDomains">
/// Domains whose upstream answers may be private addresses. Every other upstream answer with a
/// private address is dropped (DNS rebinding: a web page's name turned into the router's or a LAN
/// host's address); a company's VPN domain, say, needs to be listed here.
/// </param>
/// <param name="Hosts">Names the router answers itself, for hosts that take no DHCP lease from it (a NAS with a fixed address).</param>
public sealed record DnsSettings(
    bool Enabled = true,
    EquatableArray<IpAddress> UpstreamServers = default,
    int CacheSize = DnsSettings.DefaultCacheSize,
    EquatableArray<DnsName> RebindAllowedDomains = default,
    EquatableArray<DnsHost> Hosts = default)
{
    public const int DefaultCacheSize = 1000;

    /// <summary>Our ceiling: past ten thousand names a small router's memory is better spent on conntrack.</summary>
    public const int MaxCacheSize = 10000;

    public static DnsSettings Default { get; } = new();
}

/// <summary>
/// A static host name the router's DNS answers with an address (and the address's reverse name
/// with it). The name is answered exactly as written: a LAN's local domain is not appended, so
/// "nas.home.arpa" is the name to give when that is how the LAN finds it.
/// </summary>
public sealed record DnsHost(DnsName Name, IpAddress Address);

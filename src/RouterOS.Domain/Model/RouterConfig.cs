using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>
/// The whole desired configuration of one router: what the administrator wants, not what the
/// kernel has. Immutable; an edit makes a new value. Every list is keyed by a name (or, for
/// addresses and routes, by what they are), and <see cref="Verification.ConfigVerifier"/> checks
/// the cross-object rules that the types alone cannot.
/// </summary>
public sealed record RouterConfig(
    int SchemaVersion,
    SystemSettings? System = null,
    EquatableArray<Port> Ports = default,
    EquatableArray<Bridge> Bridges = default,
    EquatableArray<VlanDevice> Vlans = default,
    EquatableArray<PppoeUplink> Pppoe = default,
    EquatableArray<AddressAssignment> Addresses = default,
    EquatableArray<StaticRoute> Routes = default,
    DhcpSettings? Dhcp = null,
    DnsSettings? Dns = null,
    EquatableArray<Flowtable> Flowtables = default,
    EquatableArray<OffloadRule> OffloadPolicy = default,
    FirewallSettings? Firewall = null,
    EquatableArray<TrafficShaper> Shaping = default,
    Ipv6Settings? Ipv6 = null)
{
    /// <summary>The schema this build reads and writes. Raise it with a migration when the shape changes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>A configuration with nothing in it: a router that forwards nothing.</summary>
    public static RouterConfig Empty { get; } = new(CurrentSchemaVersion);

    [JsonIgnore]
    public SystemSettings SystemOrDefault => System ?? SystemSettings.Default;
    [JsonIgnore]
    public DhcpSettings DhcpOrDefault => Dhcp ?? DhcpSettings.Default;
    [JsonIgnore]
    public DnsSettings DnsOrDefault => Dns ?? DnsSettings.Default;
    [JsonIgnore]
    public FirewallSettings FirewallOrDefault => Firewall ?? FirewallSettings.Default;
    [JsonIgnore]
    public Ipv6Settings Ipv6OrDefault => Ipv6 ?? Ipv6Settings.Default;
}

/// <summary>Router-wide settings.</summary>
/// <param name="Hostname">The router's own host name, one label (it is also its name on the LAN).</param>
/// <param name="UlaPrefix">
/// The router's unique local prefix (RFC 4193: fd00::/8 with a random 40-bit global id, a /48):
/// every IPv6 LAN gets a /64 of it beside the ISP's, so LAN hosts keep stable addresses for each
/// other when the ISP's prefix changes or is lost.
/// </param>
public sealed record SystemSettings(DnsName? Hostname = null, Cidr? UlaPrefix = null)
{
    public static SystemSettings Default { get; } = new();
}

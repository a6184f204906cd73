using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>What happens to traffic a zone does not explicitly allow.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ZonePolicy>))]
public enum ZonePolicy
{
    [JsonStringEnumMemberName("accept")] Accept,

    /// <summary>Silently discard: what the internet side should see.</summary>
    [JsonStringEnumMemberName("drop")] Drop,

    /// <summary>Answer with a TCP reset or ICMP unreachable: kinder on the LAN, where clients then fail fast.</summary>
    [JsonStringEnumMemberName("reject")] Reject,
}

/// <summary>
/// The zone firewall (in the spirit of OpenWrt's firewall4): interfaces are grouped into zones;
/// traffic to the router itself follows the zone's input policy and input rules; forwarded traffic
/// passes the ordered forward rules, then port forwards, then the zone forwardings
/// (<see cref="Forwardings"/>), and replies (established and related) always pass. So with lan->wan
/// listed, wan->lan gets replies and port forwards only. docs/firewall.md gives the whole order.
/// </summary>
public sealed record FirewallSettings(
    EquatableArray<Zone> Zones = default,
    EquatableArray<ZoneForwarding> Forwardings = default,
    EquatableArray<InputRule> InputRules = default,
    EquatableArray<PortForward> PortForwards = default,
    EquatableArray<SourceNatRule> SourceNat = default,
    EquatableArray<ForwardRule> ForwardRules = default,
    FirewallDefaults? Defaults = null)
{
    public static FirewallSettings Default { get; } = new();

    [JsonIgnore]
    public FirewallDefaults DefaultsOrDefault => Defaults ?? FirewallDefaults.Default;
}

/// <summary>A named group of interfaces with one policy.</summary>
/// <param name="Input">Policy for new connections to the router itself from this zone.</param>
/// <param name="Masquerade">Source-NAT to the outgoing interface's address for traffic leaving through this zone (the uplink zone).</param>
/// <param name="MssClamping">Clamp TCP MSS to the route's MTU for traffic leaving through this zone.</param>
public sealed record Zone(
    ObjectName Name,
    EquatableArray<InterfaceName> Interfaces = default,
    ZonePolicy Input = ZonePolicy.Drop,
    bool Masquerade = false,
    bool MssClamping = false);

/// <summary>New connections may be forwarded from zone <see cref="From"/> to zone <see cref="To"/>.</summary>
public sealed record ZoneForwarding(ObjectName From, ObjectName To)
{
    [JsonIgnore]
    public string Key => $"{From}->{To}";
}

/// <summary>
/// Opens a service on the router itself to a zone whose input policy would otherwise drop it
/// (e.g. SSH from a management network, or the WireGuard port from wan).
/// </summary>
public sealed record InputRule(
    ObjectName Name,
    ObjectName Zone,
    L4Protocol Protocol,
    EquatableArray<PortRange> Ports = default,
    Cidr? Source = null,
    bool Enabled = true);

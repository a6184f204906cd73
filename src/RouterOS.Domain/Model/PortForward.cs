using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>The transport protocols a port forward carries.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ForwardedProtocol>))]
public enum ForwardedProtocol
{
    [JsonStringEnumMemberName("tcp")] Tcp,
    [JsonStringEnumMemberName("udp")] Udp,

    /// <summary>TCP and UDP on the same ports (game consoles, VoIP, DNS).</summary>
    [JsonStringEnumMemberName("both")] Both,
}

/// <summary>
/// A port forward (destination NAT, OpenWrt's `redirect`, MikroTik's `dst-nat`): new connections
/// from zone <see cref="From"/> to a port of the router's outside address go to a host inside.
/// IPv4 only: an IPv6 host has a public address of its own, so it is opened with a forward rule.
/// The forwarded connection is an ordinary forwarded flow afterwards (the offload policy decides
/// whether it takes the fast path).
/// </summary>
/// <param name="From">The zone the connections come from, usually wan.</param>
/// <param name="OutsidePort">The port or range on the router's outside address.</param>
/// <param name="InsideHost">The host connections go to: an address in a LAN network's subnet.</param>
/// <param name="InsidePort">The port or range on the inside host, as long as <see cref="OutsidePort"/>; the same ports when not set.</param>
/// <param name="OutsideAddress">Only connections to this address of the router (an uplink with several); any when not set.</param>
/// <param name="Source">Only connections from these addresses of zone <see cref="From"/>; from elsewhere the port stays closed (hairpin is not limited by it).</param>
/// <param name="Hairpin">Hosts in the inside host's zone may use the outside address too (NAT reflection).</param>
public sealed record PortForward(
    ObjectName Name,
    ObjectName From,
    ForwardedProtocol Protocol,
    PortRange OutsidePort,
    IpAddress InsideHost,
    PortRange? InsidePort = null,
    IpAddress? OutsideAddress = null,
    Cidr? Source = null,
    bool Hairpin = true,
    bool Enabled = true,
    PlainText? Description = null)
{
    /// <summary>The ports on the inside host: <see cref="InsidePort"/>, or the outside ports kept as they are.</summary>
    [JsonIgnore]
    public PortRange EffectiveInsidePort => InsidePort ?? OutsidePort;

    /// <summary>True when the inside ports differ from the outside ones, so each port is translated.</summary>
    [JsonIgnore]
    public bool ShiftsPorts => EffectiveInsidePort.First != OutsidePort.First;

    /// <summary>Whether the forward carries <paramref name="protocol"/> (tcp or udp).</summary>
    public bool Carries(L4Protocol protocol) => Protocol == ForwardedProtocol.Both
        || (Protocol == ForwardedProtocol.Tcp && protocol == L4Protocol.Tcp)
        || (Protocol == ForwardedProtocol.Udp && protocol == L4Protocol.Udp);
}

using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>
/// A PPPoE client session to the ISP, run by pppd over an Ethernet-like parent (a port or a VLAN
/// device; many ISPs want PPPoE inside VLAN 7 or 35). <see cref="Name"/> is the ppp device's name.
/// Defaults are pppd's and RFC 2516's: MTU/MRU 1492 (1500 less the 8-byte PPPoE and PPP headers),
/// an LCP echo every 10 s, the link declared dead after 3 unanswered.
/// </summary>
/// <param name="ServiceName">PPPoE service name to ask for (pppd's pppoe-service); any when not set.</param>
/// <param name="AccessConcentrator">Only accept offers from this access concentrator (pppoe-ac).</param>
/// <param name="LcpEchoIntervalSeconds">lcp-echo-interval; 0 turns the keep-alive off.</param>
/// <param name="LcpEchoFailure">lcp-echo-failure: unanswered echoes before the link is declared down.</param>
/// <param name="RetryHoldoffSeconds">holdoff: seconds to wait before dialling again after a drop.</param>
/// <param name="DefaultRoute">Install a default route through the session when it is up.</param>
/// <param name="DefaultRouteMetric">Metric of that route, so a backup uplink can sit behind it.</param>
/// <param name="UsePeerDns">Use the DNS servers the ISP announces as the router's upstream DNS.</param>
/// <param name="Ipv6">Negotiate IPv6CP as well (+ipv6).</param>
/// <param name="MssClamping">Clamp TCP MSS to the path MTU on this uplink, since 1492 breaks PMTU-blind sites.</param>
public sealed record PppoeUplink(
    InterfaceName Name,
    InterfaceName Parent,
    PlainText Username,
    Secret Password,
    PlainText? ServiceName = null,
    PlainText? AccessConcentrator = null,
    Mtu? Mtu = null,
    Mtu? Mru = null,
    int LcpEchoIntervalSeconds = PppoeUplink.DefaultLcpEchoIntervalSeconds,
    int LcpEchoFailure = PppoeUplink.DefaultLcpEchoFailure,
    int RetryHoldoffSeconds = PppoeUplink.DefaultRetryHoldoffSeconds,
    bool DefaultRoute = true,
    int DefaultRouteMetric = 0,
    bool UsePeerDns = true,
    bool Ipv6 = false,
    bool MssClamping = true,
    bool Enabled = true,
    PlainText? Description = null)
{
    /// <summary>PPPoE adds 6 bytes of header and PPP 2 (RFC 2516 section 7): 1500 - 8.</summary>
    public const int HeaderBytes = 8;

    public static readonly Mtu DefaultMtu = Values.Mtu.From(1492);

    public const int DefaultLcpEchoIntervalSeconds = 10;
    public const int DefaultLcpEchoFailure = 3;
    public const int DefaultRetryHoldoffSeconds = 5;

    /// <summary>Above an hour between echoes the keep-alive detects nothing in useful time.</summary>
    public const int MaxLcpEchoIntervalSeconds = 3600;
    public const int MaxLcpEchoFailure = 100;
    public const int MaxRetryHoldoffSeconds = 3600;

    [JsonIgnore]
    public Mtu EffectiveMtu => Mtu ?? DefaultMtu;
    [JsonIgnore]
    public Mtu EffectiveMru => Mru ?? DefaultMtu;
}

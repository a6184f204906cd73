using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>
/// Egress rate limiting on a device (a qdisc, as SQM does), used to keep latency low on an uplink
/// slower than the LAN. Hardware-offloaded flows bypass the kernel's qdiscs entirely, so shaping
/// and hardware offload on the same device do not mix; verify warns about that.
/// </summary>
public sealed record TrafficShaper(InterfaceName Device, long EgressKbitPerSecond)
{
    /// <summary>Below 64 kbit/s a qdisc cannot keep even a single flow usable.</summary>
    public const long MinKbitPerSecond = 64;

    /// <summary>400 Gbit/s, the fastest Ethernet a router may meet.</summary>
    public const long MaxKbitPerSecond = 400_000_000;
}

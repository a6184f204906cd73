namespace RouterOS.Engine.Links;

/// <summary>Every link in the router's namespace as the kernel had it at <see cref="At"/>.</summary>
public sealed record KernelLinkTable(DateTimeOffset At, IReadOnlyList<KernelLinkState> Links)
{
    public static KernelLinkTable Empty { get; } = new(DateTimeOffset.MinValue, []);
}

/// <param name="OperState">As `ip link` prints it (up, down, lowerlayerdown...).</param>
/// <param name="Carrier">IFLA_CARRIER; null when the kernel did not say.</param>
/// <param name="SpeedMbps">From ethtool; null when the driver reports none.</param>
/// <param name="Master">The bridge this link is a port of.</param>
/// <param name="BridgePortState">For a bridge port: its STP state (forwarding, blocking...).</param>
public sealed record KernelLinkState(
    int Index,
    string Name,
    string? Kind,
    bool AdminUp,
    string OperState,
    bool? Carrier,
    int Mtu,
    int? SpeedMbps,
    string? Master,
    string? Parent,
    string? BridgePortState,
    LinkCounters Counters,
    LinkRates Rates,
    IReadOnlyList<KernelLinkAddress> Addresses);

public readonly record struct LinkCounters(ulong RxBytes, ulong TxBytes, ulong RxPackets, ulong TxPackets);

public readonly record struct LinkRates(double RxBitsPerSecond, double TxBitsPerSecond);

/// <param name="Origin">config, dhcp, pppoe, slaac, link-local, loopback or other.</param>
/// <param name="Dynamic">Given by a protocol (DHCP, PPPoE, SLAAC), not by the configuration.</param>
public sealed record KernelLinkAddress(string Address, string Origin, bool Dynamic);

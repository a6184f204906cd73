namespace RouterOS.Api.Contracts;

/// <summary>One link as the router's kernel has it now (the engine's link watch).</summary>
/// <param name="Kind">"bridge", "vlan", "veth", "ppp"...; null for plain devices.</param>
/// <param name="AdminUp">Set up (IFF_UP).</param>
/// <param name="OperState">As `ip link` prints it: up, down, lowerlayerdown, dormant, unknown...</param>
/// <param name="Carrier">Whether the driver has a carrier; null when the kernel did not say.</param>
/// <param name="SpeedMbps">The negotiated speed; null when the driver reports none.</param>
/// <param name="Master">The bridge it is a port of.</param>
/// <param name="Parent">The lower device of a VLAN device.</param>
/// <param name="BridgePortState">For a bridge port: disabled, listening, learning, forwarding or blocking.</param>
/// <param name="RxBitsPerSecond">Received, over the last second or so.</param>
public sealed record LinkStatusView(
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
    ulong RxBytes,
    ulong TxBytes,
    ulong RxPackets,
    ulong TxPackets,
    double RxBitsPerSecond,
    double TxBitsPerSecond,
    IReadOnlyList<LinkAddressView> Addresses);

/// <param name="Address">With prefix.</param>
/// <param name="Origin">config, dhcp, pppoe, slaac, link-local, loopback or other.</param>
/// <param name="Dynamic">Given by a protocol (DHCP, PPPoE, SLAAC), not by the configuration.</param>
public sealed record LinkAddressView(string Address, string Origin, bool Dynamic);

/// <summary>What the links hub sends a browser and GET /api/v1/status/links answers: every link, whole.</summary>
/// <param name="At">When the kernel was read; null before the first reading.</param>
/// <param name="Connected">False while the engine's link stream is down (the links are the last ones known).</param>
public sealed record LinkSnapshotView(IReadOnlyList<LinkStatusView> Links, DateTimeOffset? At, bool Connected);

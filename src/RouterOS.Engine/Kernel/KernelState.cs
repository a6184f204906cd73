using RouterOS.Domain.Values;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Kernel;

/// <summary>What the kernel has, read back before every plan: links, addresses, routes and the engine's nft table.</summary>
public sealed record KernelState(
    IReadOnlyDictionary<string, KernelLink> Links,
    IReadOnlyList<KernelAddress> Addresses,
    IReadOnlyList<KernelRoute> Routes,
    string? RulesetListing)
{
    public static KernelState Empty { get; } = new(new Dictionary<string, KernelLink>(), [], [], null);

    public KernelLink? Link(string name) => Links.GetValueOrDefault(name);

    public string? NameOf(int index) => index == 0 ? null : Links.Values.FirstOrDefault(link => link.Index == index)?.Name;
}

/// <param name="Master">The bridge this link is a port of, by name.</param>
/// <param name="Parent">The lower device of a VLAN device, by name.</param>
/// <param name="Mac">Its own Ethernet address; null when it has none a device could be given (ppp and tunnels have none, loopback all zeros).</param>
/// <param name="Vlans">Bridge VLANs of a port or bridge (empty without VLAN filtering).</param>
public sealed record KernelLink(
    int Index,
    string Name,
    string? Kind,
    int Mtu,
    bool Up,
    string? Master,
    string? Parent,
    MacAddress? Mac,
    BridgeAttributes? Bridge,
    VlanAttributes? Vlan,
    IReadOnlyList<BridgeVlanEntry> Vlans);

/// <param name="Address">Address with prefix, e.g. 192.0.2.1/24.</param>
/// <param name="Ours">Tagged with the engine's IFA_PROTO value: the engine added it.</param>
/// <param name="Lease">Tagged as a lease's (a DHCP lease's, or a delegated prefix's on a LAN).</param>
public sealed record KernelAddress(string Device, InterfaceAddress Address, bool Ours, bool Lease = false);

/// <param name="Destination">e.g. 0.0.0.0/0.</param>
/// <param name="Ours">Tagged with the engine's route protocol.</param>
/// <param name="Unreachable">RTN_UNREACHABLE: a delegated prefix's catch-all, which sends nothing on.</param>
public sealed record KernelRoute(Cidr Destination, IpAddress? Gateway, string? Device, uint Metric, bool Ours, bool Unreachable = false);

/// <summary>How the engine marks what it adds, so it removes only its own (values no uapi header assigns).</summary>
public static class EngineMarks
{
    /// <summary>rtm_protocol of the engine's routes (linux/rtnetlink.h leaves values above RTPROT_STATIC to daemons; 200 is unassigned).</summary>
    public const byte RouteProtocol = 200;

    /// <summary>IFA_PROTO of the engine's addresses (linux/if_addr.h defines 0-3 for the kernel).</summary>
    public const byte AddressProtocol = 200;

    /// <summary>IFA_PROTO of an address a DHCP lease gave: not the configuration's, so drift repair leaves it.</summary>
    public const byte LeaseAddressProtocol = 201;

    /// <summary>rtm_protocol of a PPPoE session's default route (linux/rtnetlink.h has no RTPROT for PPP; 202 is unassigned).</summary>
    public const byte SessionRouteProtocol = 202;

    /// <summary>RTPROT_DHCP (include/uapi/linux/rtnetlink.h): a route a DHCP lease gave.</summary>
    public const byte LeaseRouteProtocol = 16;
}

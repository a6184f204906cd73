using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>The VLAN tag protocol: 802.1Q customer tags (0x8100) or 802.1ad service tags (0x88A8), include/uapi/linux/if_ether.h ETH_P_8021Q / ETH_P_8021AD.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VlanProtocol>))]
public enum VlanProtocol
{
    [JsonStringEnumMemberName("802.1Q")] Dot1Q,
    [JsonStringEnumMemberName("802.1ad")] Dot1Ad,
}

/// <summary>
/// A Linux bridge. With VLAN filtering on, each member port carries the VLANs listed for it;
/// with it off, the bridge forwards every frame and the VLAN lists have no effect.
/// </summary>
/// <param name="Ports">Member ports (ports or VLAN devices), each with its VLAN membership.</param>
/// <param name="Stp">Spanning tree (IFLA_BR_STP_STATE), off by default as on most home routers.</param>
/// <param name="VlanFiltering">IFLA_BR_VLAN_FILTERING.</param>
/// <param name="VlanProtocol">IFLA_BR_VLAN_PROTOCOL: the tag the bridge filters on.</param>
/// <param name="DefaultPvid">IFLA_BR_VLAN_DEFAULT_PVID: the untagged PVID a port gets when its list names no PVID; the kernel's default is 1. Null means none.</param>
/// <param name="SelfVlans">VLANs of the bridge device itself (the router's own L3 presence on the bridge).</param>
public sealed record Bridge(
    InterfaceName Name,
    EquatableArray<BridgePort> Ports = default,
    bool Stp = false,
    bool VlanFiltering = false,
    VlanProtocol VlanProtocol = VlanProtocol.Dot1Q,
    VlanId? DefaultPvid = null,
    EquatableArray<BridgeVlan> SelfVlans = default,
    bool Enabled = true,
    Mtu? Mtu = null,
    MacAddress? Mac = null,
    PlainText? Description = null);

/// <summary>A member of a bridge and the VLANs it carries.</summary>
public sealed record BridgePort(InterfaceName Name, EquatableArray<BridgeVlan> Vlans = default);

/// <summary>
/// One VLAN on a bridge port (or on the bridge itself): whether frames leave untagged, and whether
/// untagged frames arriving are put into this VLAN (PVID). BRIDGE_VLAN_INFO_UNTAGGED and
/// BRIDGE_VLAN_INFO_PVID, include/uapi/linux/if_bridge.h.
/// </summary>
public sealed record BridgeVlan(VlanId Vlan, bool Untagged = false, bool Pvid = false);

using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>
/// A VLAN device (ip link add link PARENT name NAME type vlan id ID protocol PROTO). The parent is
/// a port, a bridge, or another VLAN device (802.1Q inside 802.1ad for QinQ).
/// </summary>
public sealed record VlanDevice(
    InterfaceName Name,
    InterfaceName Parent,
    VlanId Id,
    VlanProtocol Protocol = VlanProtocol.Dot1Q,
    bool Enabled = true,
    Mtu? Mtu = null,
    PlainText? Description = null);

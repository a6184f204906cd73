using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>
/// A physical Ethernet device the router has (eth0, enp1s0, a veth end in the lab). The engine
/// never creates or deletes a port; it only sets what is listed here.
/// </summary>
/// <param name="Name">The kernel's name for the device.</param>
/// <param name="Enabled">Administrative state: false sets the link down.</param>
/// <param name="Mtu">Link MTU; the device's current MTU (usually 1500) when not set.</param>
/// <param name="Mac">A MAC address to set on the device instead of its own.</param>
/// <param name="Description">A note for the administrator.</param>
public sealed record Port(
    InterfaceName Name,
    bool Enabled = true,
    Mtu? Mtu = null,
    MacAddress? Mac = null,
    PlainText? Description = null);

using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>A static IPv4 or IPv6 address on an L3 device (a port, a bridge or a VLAN device).</summary>
public sealed record AddressAssignment(InterfaceName Device, InterfaceAddress Address);

using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Dashboard.Tests.Support;

public static class Configs
{
    public static InterfaceName Name(string name) => InterfaceName.Parse(name);

    /// <summary>Two LAN ports and a WAN port, nothing else.</summary>
    public static RouterConfig ThreePorts(int? lan2Mtu = null) => RouterConfig.Empty with
    {
        Ports = [new Port(Name("lan1")), new Port(Name("lan2"), Mtu: lan2Mtu is { } mtu ? Mtu.From(mtu) : null), new Port(Name("wan0"))],
    };

    /// <summary>A LAN on lan1 (192.168.1.1/24) in zone lan, wan0 in zone wan (masquerading), lan to wan forwarded.</summary>
    public static RouterConfig Firewalled() => ThreePorts() with
    {
        Addresses = [new AddressAssignment(Name("lan1"), InterfaceAddress.Parse("192.168.1.1/24")), new AddressAssignment(Name("wan0"), InterfaceAddress.Parse("198.51.100.2/24"))],
        Firewall = new FirewallSettings(
            Zones: [new Zone(ObjectName.Parse("lan"), [Name("lan1")], ZonePolicy.Accept), new Zone(ObjectName.Parse("wan"), [Name("wan0")], Masquerade: true, MssClamping: true)],
            Forwardings: [new ZoneForwarding(ObjectName.Parse("lan"), ObjectName.Parse("wan"))]),
    };
}

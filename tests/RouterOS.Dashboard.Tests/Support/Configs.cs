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
}

namespace RouterOS.Netlink.Constants;

/// <summary>rtnetlink message types, route fields and multicast groups (include/uapi/linux/rtnetlink.h).</summary>
public static class Rtnetlink
{
    public const ushort NewLink = 16;
    public const ushort DeleteLink = 17;
    public const ushort GetLink = 18;
    public const ushort SetLink = 19;
    public const ushort NewAddress = 20;
    public const ushort DeleteAddress = 21;
    public const ushort GetAddress = 22;
    public const ushort NewRoute = 24;
    public const ushort DeleteRoute = 25;
    public const ushort GetRoute = 26;

    /// <summary>sizeof(struct ifinfomsg).</summary>
    public const int LinkHeaderSize = 16;

    /// <summary>sizeof(struct ifaddrmsg).</summary>
    public const int AddressHeaderSize = 8;

    /// <summary>sizeof(struct rtmsg).</summary>
    public const int RouteHeaderSize = 12;

    /// <summary>RT_TABLE_MAIN.</summary>
    public const byte TableMain = 254;

    /// <summary>RTPROT_KERNEL: routes the kernel adds for a configured address.</summary>
    public const byte ProtocolKernel = 2;

    /// <summary>RTPROT_BOOT: the default protocol of `ip route add`.</summary>
    public const byte ProtocolBoot = 3;

    /// <summary>RTPROT_STATIC.</summary>
    public const byte ProtocolStatic = 4;

    /// <summary>RT_SCOPE_UNIVERSE.</summary>
    public const byte ScopeUniverse = 0;

    /// <summary>RT_SCOPE_LINK.</summary>
    public const byte ScopeLink = 253;

    /// <summary>RT_SCOPE_HOST.</summary>
    public const byte ScopeHost = 254;

    /// <summary>RT_SCOPE_NOWHERE: matches any scope in a delete request.</summary>
    public const byte ScopeNowhere = 255;

    /// <summary>RTN_UNICAST.</summary>
    public const byte RouteTypeUnicast = 1;

    /// <summary>RTN_UNREACHABLE: the destination is answered with ICMP unreachable, never sent on.</summary>
    public const byte RouteTypeUnreachable = 7;

    public const ushort RouteDestination = 1;
    public const ushort RouteOutputInterface = 4;
    public const ushort RouteGateway = 5;
    public const ushort RoutePriority = 6;
    public const ushort RouteTable = 15;

    /// <summary>RTEXT_FILTER_VF: include SR-IOV virtual function details (iproute2 always asks).</summary>
    public const uint ExtFilterVf = 1;

    /// <summary>RTEXT_FILTER_BRVLAN: include bridge VLAN information in an AF_BRIDGE link dump.</summary>
    public const uint ExtFilterBridgeVlan = 2;

    /// <summary>RTEXT_FILTER_SKIP_STATS: leave the statistics out of the reply.</summary>
    public const uint ExtFilterSkipStats = 8;
}

/// <summary>Address families used in family headers (include/linux/socket.h).</summary>
public static class AddressFamilies
{
    public const byte Unspecified = 0;
    public const byte Inet = 2;
    public const byte Bridge = 7;
    public const byte Inet6 = 10;
}

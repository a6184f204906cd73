namespace RouterOS.Netlink.Constants;

/// <summary>Link attributes (include/uapi/linux/if_link.h) and interface flags (include/uapi/linux/if.h).</summary>
public static class IfLink
{
    public const ushort Address = 1;
    public const ushort Name = 3;
    public const ushort Mtu = 4;
    public const ushort Link = 5;
    public const ushort Master = 10;

    /// <summary>IFLA_PROTINFO: in an AF_BRIDGE message, the port's IFLA_BRPORT_* attributes (nested).</summary>
    public const ushort ProtInfo = 12;

    /// <summary>IFLA_OPERSTATE (u8): RFC 2863 state, <see cref="OperStates"/>.</summary>
    public const ushort OperState = 16;
    public const ushort LinkInfo = 18;

    /// <summary>IFLA_STATS64: struct rtnl_link_stats64, u64 counters.</summary>
    public const ushort Stats64 = 23;
    public const ushort AfSpec = 26;
    public const ushort ExtMask = 29;

    /// <summary>IFLA_CARRIER (u8): 1 when the driver has a carrier.</summary>
    public const ushort Carrier = 33;

    public const ushort InfoKind = 1;
    public const ushort InfoData = 2;
    public const ushort InfoSlaveKind = 4;

    /// <summary>IFLA_INFO_SLAVE_DATA: for a bridge port (slave kind "bridge"), its IFLA_BRPORT_* attributes.</summary>
    public const ushort InfoSlaveData = 5;

    /// <summary>IFLA_BRPORT_STATE (u8, include/uapi/linux/if_link.h): a <see cref="BridgePortStates"/> value.</summary>
    public const ushort BridgePortState = 1;

    /// <summary>IFLA_BR_STP_STATE (u32).</summary>
    public const ushort BridgeStpState = 5;

    /// <summary>IFLA_BR_VLAN_FILTERING (u8).</summary>
    public const ushort BridgeVlanFiltering = 7;

    /// <summary>IFLA_BR_VLAN_PROTOCOL (be16).</summary>
    public const ushort BridgeVlanProtocol = 8;

    /// <summary>IFLA_BR_VLAN_DEFAULT_PVID (u16).</summary>
    public const ushort BridgeVlanDefaultPvid = 39;

    /// <summary>IFLA_VLAN_ID (u16).</summary>
    public const ushort VlanId = 1;

    /// <summary>IFLA_VLAN_PROTOCOL (be16).</summary>
    public const ushort VlanProtocol = 5;

    /// <summary>IFF_UP.</summary>
    public const uint FlagUp = 0x1;

    /// <summary>IFF_LOWER_UP (include/uapi/linux/if.h): the driver says the carrier is there.</summary>
    public const uint FlagLowerUp = 0x10000;

    /// <summary>ETH_P_8021Q (include/uapi/linux/if_ether.h).</summary>
    public const ushort EtherType8021Q = 0x8100;

    /// <summary>ETH_P_8021AD.</summary>
    public const ushort EtherType8021Ad = 0x88A8;
}

/// <summary>IF_OPER_* (include/uapi/linux/if.h, RFC 2863).</summary>
public static class OperStates
{
    public const byte Unknown = 0;
    public const byte NotPresent = 1;
    public const byte Down = 2;
    public const byte LowerLayerDown = 3;
    public const byte Testing = 4;
    public const byte Dormant = 5;
    public const byte Up = 6;

    /// <summary>As `ip link` prints them, lower case.</summary>
    public static string Name(byte state) => state switch
    {
        Unknown => "unknown",
        NotPresent => "notpresent",
        Down => "down",
        LowerLayerDown => "lowerlayerdown",
        Testing => "testing",
        Dormant => "dormant",
        Up => "up",
        _ => $"state {state}",
    };
}

/// <summary>BR_STATE_* (include/uapi/linux/if_bridge.h): a bridge port's STP state.</summary>
public static class BridgePortStates
{
    public const byte Disabled = 0;
    public const byte Listening = 1;
    public const byte Learning = 2;
    public const byte Forwarding = 3;
    public const byte Blocking = 4;

    public static string Name(byte state) => state switch
    {
        Disabled => "disabled",
        Listening => "listening",
        Learning => "learning",
        Forwarding => "forwarding",
        Blocking => "blocking",
        _ => $"state {state}",
    };
}

/// <summary>Bridge VLAN attributes and flags (include/uapi/linux/if_bridge.h).</summary>
public static class IfBridge
{
    /// <summary>IFLA_BRIDGE_FLAGS (u16).</summary>
    public const ushort Flags = 0;

    /// <summary>IFLA_BRIDGE_VLAN_INFO: struct bridge_vlan_info { u16 flags; u16 vid; }.</summary>
    public const ushort VlanInfo = 2;

    /// <summary>BRIDGE_FLAGS_SELF: the request is for the bridge device itself.</summary>
    public const ushort FlagsSelf = 2;

    public const ushort VlanMaster = 1;
    public const ushort VlanPvid = 2;
    public const ushort VlanUntagged = 4;
    public const ushort VlanBrEntry = 32;

    public const int VlanInfoSize = 4;
}

/// <summary>Address attributes (include/uapi/linux/if_addr.h).</summary>
public static class IfAddress
{
    public const ushort Address = 1;
    public const ushort Local = 2;
    public const ushort Label = 3;

    /// <summary>IFA_CACHEINFO: struct ifa_cacheinfo { u32 ifa_prefered, ifa_valid, cstamp, tstamp; } (seconds; 0xffffffff is forever).</summary>
    public const ushort CacheInfo = 6;

    /// <summary>IFA_FLAGS (u32): the address flags, all 32 bits of them.</summary>
    public const ushort Flags = 8;

    public const int CacheInfoSize = 16;

    /// <summary>INFINITY_LIFE_TIME (include/net/addrconf.h): a lifetime that never runs out.</summary>
    public const uint Forever = 0xffffffff;

    /// <summary>IFA_F_DEPRECATED: its preferred lifetime ran out; new connections do not use it.</summary>
    public const uint FlagDeprecated = 0x20;

    /// <summary>IFA_PROTO (u8, Linux 6.1+): who added the address; the engine tags its own.</summary>
    public const ushort Protocol = 11;

    /// <summary>IFA_F_PERMANENT.</summary>
    public const byte FlagPermanent = 0x80;
}

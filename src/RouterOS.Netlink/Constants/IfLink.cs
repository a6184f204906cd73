namespace RouterOS.Netlink.Constants;

/// <summary>Link attributes (include/uapi/linux/if_link.h) and interface flags (include/uapi/linux/if.h).</summary>
public static class IfLink
{
    public const ushort Address = 1;
    public const ushort Name = 3;
    public const ushort Mtu = 4;
    public const ushort Link = 5;
    public const ushort Master = 10;
    public const ushort OperState = 16;
    public const ushort LinkInfo = 18;
    public const ushort AfSpec = 26;
    public const ushort ExtMask = 29;

    public const ushort InfoKind = 1;
    public const ushort InfoData = 2;
    public const ushort InfoSlaveKind = 4;

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

    /// <summary>IFA_PROTO (u8, Linux 6.1+): who added the address; the engine tags its own.</summary>
    public const ushort Protocol = 11;

    /// <summary>IFA_F_PERMANENT.</summary>
    public const byte FlagPermanent = 0x80;
}

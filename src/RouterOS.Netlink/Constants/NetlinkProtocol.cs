namespace RouterOS.Netlink.Constants;

/// <summary>Netlink framing: header sizes, message types and flags (include/uapi/linux/netlink.h).</summary>
public static class NetlinkProtocol
{
    /// <summary>AF_NETLINK (include/linux/socket.h).</summary>
    public const int AddressFamily = 16;

    /// <summary>NETLINK_ROUTE: rtnetlink.</summary>
    public const int Route = 0;

    /// <summary>NETLINK_NETFILTER: nfnetlink (nf_tables, ctnetlink).</summary>
    public const int Netfilter = 12;

    /// <summary>sizeof(struct nlmsghdr).</summary>
    public const int HeaderSize = 16;

    /// <summary>sizeof(struct nlattr).</summary>
    public const int AttributeHeaderSize = 4;

    /// <summary>NLMSG_ALIGNTO and NLA_ALIGNTO.</summary>
    public const int Alignment = 4;

    /// <summary>NLMSG_NOOP.</summary>
    public const ushort MessageNoop = 1;

    /// <summary>NLMSG_ERROR: an error, or an acknowledgement when its error code is 0.</summary>
    public const ushort MessageError = 2;

    /// <summary>NLMSG_DONE: the end of a multi-part dump.</summary>
    public const ushort MessageDone = 3;

    /// <summary>NLMSG_OVERRUN.</summary>
    public const ushort MessageOverrun = 4;

    /// <summary>NLMSG_MIN_TYPE: types below are reserved for control messages.</summary>
    public const ushort MinimumType = 0x10;

    public const ushort FlagRequest = 0x1;
    public const ushort FlagMulti = 0x2;
    public const ushort FlagAck = 0x4;

    /// <summary>NLM_F_ROOT | NLM_F_MATCH: NLM_F_DUMP.</summary>
    public const ushort FlagDump = 0x300;

    /// <summary>NLM_F_REPLACE (for NEW requests).</summary>
    public const ushort FlagReplace = 0x100;
    public const ushort FlagExclusive = 0x200;
    public const ushort FlagCreate = 0x400;
    public const ushort FlagAppend = 0x800;

    /// <summary>NLM_F_CAPPED (acknowledgement flags): the error carries no copy of the request's payload.</summary>
    public const ushort FlagCapped = 0x100;

    /// <summary>NLM_F_ACK_TLVS: the error message carries extended-ack attributes.</summary>
    public const ushort FlagAckTlvs = 0x200;

    /// <summary>NLA_F_NESTED.</summary>
    public const ushort AttributeNested = 0x8000;

    /// <summary>NLA_F_NET_BYTEORDER.</summary>
    public const ushort AttributeNetworkByteOrder = 0x4000;

    /// <summary>NLA_TYPE_MASK.</summary>
    public const ushort AttributeTypeMask = 0x3FFF;

    /// <summary>Socket option level SOL_NETLINK (include/linux/socket.h).</summary>
    public const int SolNetlink = 270;

    public const int OptionAddMembership = 1;
    public const int OptionDropMembership = 2;
    public const int OptionNoEnobufs = 5;
    public const int OptionCapAck = 10;
    public const int OptionExtAck = 11;
    public const int OptionGetStrictCheck = 12;

    /// <summary>NLMSGERR_ATTR_MSG: the kernel's error text.</summary>
    public const ushort ErrorAttributeMessage = 1;

    /// <summary>NLMSGERR_ATTR_OFFS: offset of the attribute that caused the error, from the request's start.</summary>
    public const ushort ErrorAttributeOffset = 2;

    /// <summary>Rounds a length up to netlink's 4-byte alignment (NLMSG_ALIGN / NLA_ALIGN).</summary>
    public static int Align(int length) => (length + Alignment - 1) & ~(Alignment - 1);
}

namespace RouterOS.Netlink.Constants;

/// <summary>nfnetlink framing (include/uapi/linux/netfilter/nfnetlink.h) and nf_tables generation messages (nf_tables.h).</summary>
public static class Nfnetlink
{
    /// <summary>sizeof(struct nfgenmsg) { u8 nfgen_family; u8 version; be16 res_id; }.</summary>
    public const int HeaderSize = 4;

    /// <summary>NFNETLINK_V0.</summary>
    public const byte Version0 = 0;

    public const byte SubsystemConntrack = 1;
    public const byte SubsystemNfTables = 10;

    /// <summary>NFNL_MSG_BATCH_BEGIN.</summary>
    public const ushort BatchBegin = 0x10;

    /// <summary>NFNL_MSG_BATCH_END.</summary>
    public const ushort BatchEnd = 0x11;

    /// <summary>NFNL_BATCH_GENID (be32): the generation the batch was built against.</summary>
    public const ushort BatchGenerationId = 1;

    /// <summary>NFT_MSG_NEWGEN.</summary>
    public const byte NfTablesNewGeneration = 15;

    /// <summary>NFT_MSG_GETGEN.</summary>
    public const byte NfTablesGetGeneration = 16;

    /// <summary>NFTA_GEN_ID (be32).</summary>
    public const ushort GenerationId = 1;

    /// <summary>Message type of a subsystem's message: (subsystem &lt;&lt; 8) | message.</summary>
    public static ushort MessageType(byte subsystem, byte message) => (ushort)((subsystem << 8) | message);
}

/// <summary>ctnetlink messages and attributes (include/uapi/linux/netfilter/nfnetlink_conntrack.h).</summary>
public static class Ctnetlink
{
    public const byte MessageNew = 0;
    public const byte MessageGet = 1;
    public const byte MessageDelete = 2;

    public const ushort TupleOriginal = 1;
    public const ushort TupleReply = 2;
    public const ushort Status = 3;
    public const ushort ProtoInfo = 4;
    public const ushort Timeout = 7;
    public const ushort Mark = 8;
    public const ushort CountersOriginal = 9;
    public const ushort CountersReply = 10;
    public const ushort Id = 12;
    public const ushort Zone = 18;

    /// <summary>CTA_LABELS: the connection's label bits, the kernel's unsigned-long bitmap as is (little-endian hosts: bit N is byte N / 8, bit N % 8).</summary>
    public const ushort Labels = 22;

    /// <summary>NF_CT_LABELS_MAX_SIZE * 8 (include/net/netfilter/nf_conntrack_labels.h): label bits 0-127.</summary>
    public const int LabelBits = 128;

    /// <summary>CTA_TIMESTAMP (nested; present with net.netfilter.nf_conntrack_timestamp=1).</summary>
    public const ushort Timestamp = 20;

    /// <summary>CTA_TIMESTAMP_START (be64 ns, wall clock).</summary>
    public const ushort TimestampStart = 1;

    /// <summary>IPPROTO_TCP and IPPROTO_UDP (include/uapi/linux/in.h).</summary>
    public const byte ProtocolTcp = 6;
    public const byte ProtocolUdp = 17;

    public const ushort TupleIp = 1;
    public const ushort TupleProto = 2;
    public const ushort IpV4Source = 1;
    public const ushort IpV4Destination = 2;
    public const ushort IpV6Source = 3;
    public const ushort IpV6Destination = 4;
    public const ushort ProtoNumber = 1;
    public const ushort ProtoSourcePort = 2;
    public const ushort ProtoDestinationPort = 3;

    /// <summary>CTA_PROTO_ICMP_ID (be16), _TYPE (u8), _CODE (u8) of enum ctattr_l4proto (include/uapi/linux/netfilter/nfnetlink_conntrack.h).</summary>
    public const ushort ProtoIcmpId = 4;
    public const ushort ProtoIcmpType = 5;
    public const ushort ProtoIcmpCode = 6;

    /// <summary>CTA_PROTO_ICMPV6_ID (be16), _TYPE (u8), _CODE (u8), the same enum.</summary>
    public const ushort ProtoIcmpV6Id = 7;
    public const ushort ProtoIcmpV6Type = 8;
    public const ushort ProtoIcmpV6Code = 9;

    /// <summary>IPPROTO_ICMP and IPPROTO_ICMPV6 (include/uapi/linux/in.h, in6.h).</summary>
    public const byte ProtocolIcmp = 1;
    public const byte ProtocolIcmpV6 = 58;

    /// <summary>IPS_SEEN_REPLY (include/uapi/linux/netfilter/nf_conntrack_common.h): packets went both ways.</summary>
    public const uint StatusSeenReply = 1u << 1;

    public const ushort CounterPackets = 1;
    public const ushort CounterBytes = 2;

    public const ushort ProtoInfoTcp = 1;
    public const ushort ProtoInfoTcpState = 1;

    /// <summary>Multicast groups NFNLGRP_CONNTRACK_NEW, _UPDATE, _DESTROY (include/uapi/linux/netfilter/nfnetlink.h).</summary>
    public const int GroupNew = 1;
    public const int GroupUpdate = 2;
    public const int GroupDestroy = 3;

    /// <summary>The sockaddr_nl.nl_groups bit mask of a group number: bit (group - 1).</summary>
    public static uint GroupMask(int group) => 1u << (group - 1);

    /// <summary>IPS_DST_NAT (include/uapi/linux/netfilter/nf_conntrack_common.h): the destination was translated (a port forward).</summary>
    public const uint StatusDestinationNat = 1u << 5;

    /// <summary>IPS_OFFLOAD (include/uapi/linux/netfilter/nf_conntrack_common.h): in a flowtable.</summary>
    public const uint StatusOffload = 1u << 14;

    /// <summary>IPS_HW_OFFLOAD: in a flowtable offloaded to hardware.</summary>
    public const uint StatusHardwareOffload = 1u << 15;
}

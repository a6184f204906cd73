using System.Buffers.Binary;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Wire;

namespace RouterOS.Netlink.Route;

/// <summary>A link as the kernel reports it in RTM_NEWLINK (a dump reply or an event).</summary>
/// <param name="Parent">IFLA_LINK: the lower device of a VLAN device (0 if none).</param>
/// <param name="Master">IFLA_MASTER: the bridge this link is a port of (0 if none).</param>
/// <param name="Kind">IFLA_INFO_KIND: "bridge", "vlan", "veth"... null for plain devices.</param>
public sealed record LinkInfo(
    int Index,
    string Name,
    ushort DeviceType,
    uint Flags,
    int Mtu,
    int Master,
    int Parent,
    byte[]? Mac,
    string? Kind,
    BridgeAttributes? Bridge,
    VlanAttributes? Vlan)
{
    public bool IsUp => (Flags & IfLink.FlagUp) != 0;

    /// <summary>The ifinfomsg family: AF_UNSPEC for an ordinary link message, AF_BRIDGE for a bridge port's.</summary>
    public byte Family { get; init; }

    /// <summary>IFLA_OPERSTATE (<see cref="OperStates"/>); null when the message has none.</summary>
    public byte? OperState { get; init; }

    /// <summary>IFLA_CARRIER; null when the message has none.</summary>
    public bool? Carrier { get; init; }

    /// <summary>IFLA_STATS64; null when the message has none (RTEXT_FILTER_SKIP_STATS, AF_BRIDGE messages).</summary>
    public LinkStats? Stats { get; init; }

    /// <summary>
    /// IFLA_BRPORT_STATE (<see cref="BridgePortStates"/>) of a bridge port: from IFLA_PROTINFO in an
    /// AF_BRIDGE message, or IFLA_INFO_SLAVE_DATA in an ordinary one; null for a link that is no port.
    /// </summary>
    public byte? BridgePortState { get; init; }

    public static LinkInfo Parse(NetlinkMessage message)
    {
        var header = message.FixedHeader(Rtnetlink.LinkHeaderSize);
        var family = header[0];
        var deviceType = BinaryPrimitives.ReadUInt16LittleEndian(header[2..]);
        var index = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        string name = "";
        int mtu = 0, master = 0, parent = 0;
        byte[]? mac = null;
        string? kind = null, slaveKind = null;
        BridgeAttributes? bridge = null;
        VlanAttributes? vlan = null;
        byte? operState = null, portState = null;
        bool? carrier = null;
        LinkStats? stats = null;
        var attributes = message.Attributes(Rtnetlink.LinkHeaderSize);
        while (attributes.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case IfLink.Name: name = attribute.AsString(); break;
                case IfLink.Mtu: mtu = (int)attribute.U32(); break;
                case IfLink.Master: master = (int)attribute.U32(); break;
                case IfLink.Link: parent = (int)attribute.U32(); break;
                case IfLink.Address: mac = attribute.Value.ToArray(); break;
                case IfLink.OperState: operState = attribute.U8(); break;
                case IfLink.Carrier: carrier = attribute.U8() != 0; break;
                case IfLink.Stats64: stats = LinkStats.Parse(attribute); break;
                // Other families use IFLA_PROTINFO for their own attributes (AF_INET6: IFLA_INET6_*).
                case IfLink.ProtInfo when family == AddressFamilies.Bridge: portState = ParsePortState(attribute.Nested()) ?? portState; break;
                case IfLink.LinkInfo:
                    ParseLinkInfo(attribute.Nested(), ref kind, ref slaveKind, ref bridge, ref vlan, ref portState);
                    break;
            }
        }
        return new LinkInfo(index, name, deviceType, flags, mtu, master, parent, mac, kind, bridge, vlan)
        {
            Family = family,
            OperState = operState,
            Carrier = carrier,
            Stats = stats,
            BridgePortState = portState,
        };
    }

    private static void ParseLinkInfo(AttributeReader reader, ref string? kind, ref string? slaveKind, ref BridgeAttributes? bridge, ref VlanAttributes? vlan, ref byte? portState)
    {
        // IFLA_INFO_KIND comes before IFLA_INFO_DATA, whose layout depends on it (and SLAVE_KIND before SLAVE_DATA).
        while (reader.TryRead(out var attribute))
        {
            if (attribute.Type == IfLink.InfoKind)
            {
                kind = attribute.AsString();
            }
            else if (attribute.Type == IfLink.InfoSlaveKind)
            {
                slaveKind = attribute.AsString();
            }
            else if (attribute.Type == IfLink.InfoData && kind == "bridge")
            {
                bridge = ParseBridge(attribute.Nested());
            }
            else if (attribute.Type == IfLink.InfoData && kind == "vlan")
            {
                vlan = ParseVlan(attribute.Nested());
            }
            else if (attribute.Type == IfLink.InfoSlaveData && slaveKind == "bridge")
            {
                portState = ParsePortState(attribute.Nested()) ?? portState;
            }
        }
    }

    private static byte? ParsePortState(AttributeReader reader)
    {
        byte? state = null;
        while (reader.TryRead(out var attribute))
        {
            if (attribute.Type == IfLink.BridgePortState)
            {
                state = attribute.U8();
            }
        }
        return state;
    }

    private static BridgeAttributes ParseBridge(AttributeReader reader)
    {
        var result = new BridgeAttributes();
        while (reader.TryRead(out var attribute))
        {
            result = attribute.Type switch
            {
                IfLink.BridgeStpState => result with { Stp = attribute.U32() != 0 },
                IfLink.BridgeVlanFiltering => result with { VlanFiltering = attribute.U8() != 0 },
                IfLink.BridgeVlanProtocol => result with { VlanProtocol = attribute.U16BigEndian() },
                IfLink.BridgeVlanDefaultPvid => result with { DefaultPvid = attribute.U16() },
                _ => result,
            };
        }
        return result;
    }

    private static VlanAttributes ParseVlan(AttributeReader reader)
    {
        ushort id = 0, protocol = IfLink.EtherType8021Q;
        while (reader.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case IfLink.VlanId: id = attribute.U16(); break;
                case IfLink.VlanProtocol: protocol = attribute.U16BigEndian(); break;
            }
        }
        return new VlanAttributes(id, protocol);
    }
}

/// <summary>The first counters of struct rtnl_link_stats64 (include/uapi/linux/if_link.h), in its order.</summary>
public sealed record LinkStats(ulong RxPackets, ulong TxPackets, ulong RxBytes, ulong TxBytes, ulong RxErrors, ulong TxErrors, ulong RxDropped, ulong TxDropped)
{
    /// <summary>The eight u64 read here; every kernel since 2.6.35 sends at least 23.</summary>
    public const int MinimumSize = 8 * sizeof(ulong);

    public static LinkStats Parse(NetlinkAttr attribute)
    {
        var value = attribute.Value;
        if (value.Length < MinimumSize)
        {
            throw new NetlinkParseException($"IFLA_STATS64 has {value.Length} bytes, expected at least {MinimumSize} (at byte {attribute.Offset})") { Offset = attribute.Offset };
        }
        return new LinkStats(At(value, 0), At(value, 1), At(value, 2), At(value, 3), At(value, 4), At(value, 5), At(value, 6), At(value, 7));
    }

    private static ulong At(ReadOnlySpan<byte> value, int field) => BinaryPrimitives.ReadUInt64LittleEndian(value[(field * sizeof(ulong))..]);
}

/// <summary>IFLA_INFO_DATA of a VLAN device.</summary>
public sealed record VlanAttributes(ushort Id, ushort Protocol);

/// <summary>One VLAN of a bridge port or bridge, from an AF_BRIDGE dump.</summary>
public readonly record struct BridgeVlanEntry(ushort VlanId, ushort Flags)
{
    public bool Pvid => (Flags & IfBridge.VlanPvid) != 0;
    public bool Untagged => (Flags & IfBridge.VlanUntagged) != 0;
}

/// <summary>The VLANs of one link, from an AF_BRIDGE RTM_NEWLINK with IFLA_AF_SPEC.</summary>
public sealed record BridgeVlanInfo(int Index, IReadOnlyList<BridgeVlanEntry> Vlans)
{
    public static BridgeVlanInfo Parse(NetlinkMessage message)
    {
        var header = message.FixedHeader(Rtnetlink.LinkHeaderSize);
        var index = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        var vlans = new List<BridgeVlanEntry>();
        var attributes = message.Attributes(Rtnetlink.LinkHeaderSize);
        while (attributes.TryRead(out var attribute))
        {
            if (attribute.Type != IfLink.AfSpec)
            {
                continue;
            }
            var spec = attribute.Nested();
            while (spec.TryRead(out var entry))
            {
                if (entry.Type == IfBridge.VlanInfo)
                {
                    var flags = entry.U32();
                    vlans.Add(new BridgeVlanEntry((ushort)(flags >> 16), (ushort)flags));
                }
            }
        }
        return new BridgeVlanInfo(index, vlans);
    }
}

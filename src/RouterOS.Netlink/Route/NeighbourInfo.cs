using System.Buffers.Binary;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;
using RouterOS.Netlink.Wire;

namespace RouterOS.Netlink.Route;

/// <summary>
/// A neighbour (RTM_NEWNEIGH / RTM_DELNEIGH): an IPv4 or IPv6 neighbour with its link-layer
/// address, or (family AF_BRIDGE) a bridge forwarding entry: a MAC address learnt on a port.
/// </summary>
/// <param name="Address">NDA_DST: the neighbour's IP address (null for a bridge forwarding entry).</param>
/// <param name="Mac">NDA_LLADDR, lower-case colon form (null while unresolved).</param>
/// <param name="Master">NDA_MASTER: the bridge of a forwarding entry's port (0 if none).</param>
public sealed record NeighbourInfo(byte Family, int Index, ushort State, FlowAddress? Address, string? Mac, int Master)
{
    /// <summary>sizeof(struct ndmsg) (include/uapi/linux/neighbour.h): u8 family, u8 pad, u16 pad, s32 ifindex, u16 state, u8 flags, u8 type.</summary>
    public const int HeaderSize = 12;

    /// <summary>RTM_NEWNEIGH, RTM_DELNEIGH (include/uapi/linux/rtnetlink.h).</summary>
    public const ushort NewNeighbour = 28;
    public const ushort DeleteNeighbour = 29;

    /// <summary>RTM_GETNEIGH.</summary>
    public const ushort GetNeighbour = 30;

    /// <summary>NDA_DST, NDA_LLADDR, NDA_MASTER of enum ndattr (neighbour.h).</summary>
    private const ushort Destination = 1;
    private const ushort LinkLayerAddress = 2;
    private const ushort MasterAttribute = 9;

    /// <summary>NUD_INCOMPLETE and NUD_FAILED (neighbour.h): no usable link-layer address.</summary>
    public const ushort StateIncomplete = 0x01;
    public const ushort StateFailed = 0x20;

    public bool IsBridgeEntry => Family == AddressFamilies.Bridge;

    /// <summary>RTM_GETNEIGH with NLM_F_DUMP for every family: IP neighbours and bridge forwarding entries.</summary>
    public static void Dump(NetlinkWriter writer, uint sequence)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var message = writer.BeginMessage(GetNeighbour, NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagDump, sequence);
        writer.WriteFixedHeader(HeaderSize);
        writer.EndMessage(message);
    }

    public static NeighbourInfo Parse(NetlinkMessage message)
    {
        var header = message.FixedHeader(HeaderSize);
        var family = header[0];
        var index = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        var state = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        FlowAddress? address = null;
        string? mac = null;
        var master = 0;
        var attributes = message.Attributes(HeaderSize);
        while (attributes.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case Destination when attribute.Value.Length is 4 or 16: address = FlowAddress.FromBytes(attribute.Value); break;
                case LinkLayerAddress when attribute.Value.Length == 6: mac = Convert.ToHexString(attribute.Value).ToLowerInvariant().Chunk(2).Select(pair => new string(pair)).Aggregate((a, b) => $"{a}:{b}"); break;
                case MasterAttribute: master = (int)attribute.U32(); break;
            }
        }
        return new NeighbourInfo(family, index, state, address, mac, master);
    }
}

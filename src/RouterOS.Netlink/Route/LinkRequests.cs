using System.Buffers.Binary;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Wire;

namespace RouterOS.Netlink.Route;

/// <summary>Bridge settings carried in IFLA_INFO_DATA. Null fields are not sent (left as they are).</summary>
/// <remarks>
/// The VLAN fields are sent only when set: a kernel built without bridge VLAN filtering refuses
/// IFLA_BR_VLAN_FILTERING with EOPNOTSUPP even when it asks for "off".
/// </remarks>
public sealed record BridgeAttributes(bool? Stp = null, bool? VlanFiltering = null, ushort? VlanProtocol = null, ushort? DefaultPvid = null);

/// <summary>Changes to an existing link. Null fields are left as they are.</summary>
/// <param name="Master">The bridge's ifindex; 0 releases the link from its bridge.</param>
public sealed record LinkChange(int? Mtu = null, bool? Up = null, int? Master = null, byte[]? Mac = null);

/// <summary>RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK requests, shaped as iproute2 sends them.</summary>
public static class LinkRequests
{
    private const ushort NewFlags = NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagAck | NetlinkProtocol.FlagCreate | NetlinkProtocol.FlagExclusive;
    private const ushort ChangeFlags = NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagAck;

    public static void Dump(NetlinkWriter writer, uint sequence)
    {
        var message = writer.BeginMessage(Rtnetlink.GetLink, NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagDump, sequence);
        WriteLinkHeader(writer, AddressFamilies.Unspecified, 0);
        writer.EndMessage(message);
    }

    /// <summary>One link by name (no dump): the reply is that link, or an error such as ENODEV.</summary>
    public static void GetByName(NetlinkWriter writer, uint sequence, string name)
    {
        var message = writer.BeginMessage(Rtnetlink.GetLink, NetlinkProtocol.FlagRequest, sequence);
        WriteLinkHeader(writer, AddressFamilies.Unspecified, 0);
        writer.WriteU32(IfLink.ExtMask, Rtnetlink.ExtFilterVf | Rtnetlink.ExtFilterSkipStats);
        writer.WriteString(IfLink.Name, name);
        writer.EndMessage(message);
    }

    /// <summary>Every bridge port (and bridge) with its VLANs: AF_BRIDGE with RTEXT_FILTER_BRVLAN.</summary>
    public static void DumpBridgeVlans(NetlinkWriter writer, uint sequence)
    {
        var message = writer.BeginMessage(Rtnetlink.GetLink, NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagDump, sequence);
        WriteLinkHeader(writer, AddressFamilies.Bridge, 0);
        writer.WriteU32(IfLink.ExtMask, Rtnetlink.ExtFilterBridgeVlan);
        writer.EndMessage(message);
    }

    public static void CreateBridge(NetlinkWriter writer, uint sequence, string name, BridgeAttributes attributes)
    {
        var message = writer.BeginMessage(Rtnetlink.NewLink, NewFlags, sequence);
        WriteLinkHeader(writer, AddressFamilies.Unspecified, 0);
        writer.WriteString(IfLink.Name, name);
        WriteBridgeInfo(writer, attributes);
        writer.EndMessage(message);
    }

    public static void ChangeBridge(NetlinkWriter writer, uint sequence, int index, BridgeAttributes attributes)
    {
        var message = writer.BeginMessage(Rtnetlink.NewLink, ChangeFlags, sequence);
        WriteLinkHeader(writer, AddressFamilies.Unspecified, index);
        WriteBridgeInfo(writer, attributes);
        writer.EndMessage(message);
    }

    /// <param name="protocol">ETH_P_8021Q or ETH_P_8021AD.</param>
    public static void CreateVlan(NetlinkWriter writer, uint sequence, string name, int parentIndex, ushort vlanId, ushort protocol)
    {
        var message = writer.BeginMessage(Rtnetlink.NewLink, NewFlags, sequence);
        WriteLinkHeader(writer, AddressFamilies.Unspecified, 0);
        writer.WriteU32(IfLink.Link, checked((uint)parentIndex));
        writer.WriteString(IfLink.Name, name);
        var info = writer.BeginNested(IfLink.LinkInfo);
        writer.WriteString(IfLink.InfoKind, "vlan", nulTerminated: false);
        var data = writer.BeginNested(IfLink.InfoData);
        writer.WriteU16BigEndian(IfLink.VlanProtocol, protocol);
        writer.WriteU16(IfLink.VlanId, vlanId);
        writer.EndNested(data);
        writer.EndNested(info);
        writer.EndMessage(message);
    }

    public static void Change(NetlinkWriter writer, uint sequence, int index, LinkChange change)
    {
        var message = writer.BeginMessage(Rtnetlink.NewLink, ChangeFlags, sequence);
        var header = WriteLinkHeader(writer, AddressFamilies.Unspecified, index);
        if (change.Up is bool up)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], up ? IfLink.FlagUp : 0);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], IfLink.FlagUp);
        }
        if (change.Mac is { } mac)
        {
            writer.WriteBytes(IfLink.Address, mac);
        }
        if (change.Mtu is int mtu)
        {
            writer.WriteU32(IfLink.Mtu, checked((uint)mtu));
        }
        if (change.Master is int master)
        {
            writer.WriteU32(IfLink.Master, checked((uint)master));
        }
        writer.EndMessage(message);
    }

    public static void Delete(NetlinkWriter writer, uint sequence, int index)
    {
        var message = writer.BeginMessage(Rtnetlink.DeleteLink, ChangeFlags, sequence);
        WriteLinkHeader(writer, AddressFamilies.Unspecified, index);
        writer.EndMessage(message);
    }

    /// <summary>Adds or removes one VLAN on a bridge port, or on the bridge itself (<paramref name="self"/>).</summary>
    /// <param name="flags">BRIDGE_VLAN_INFO_PVID and/or BRIDGE_VLAN_INFO_UNTAGGED.</param>
    public static void BridgeVlan(NetlinkWriter writer, uint sequence, bool add, int index, ushort vlanId, ushort flags, bool self)
    {
        var message = writer.BeginMessage(add ? Rtnetlink.SetLink : Rtnetlink.DeleteLink, ChangeFlags, sequence);
        WriteLinkHeader(writer, AddressFamilies.Bridge, index);
        var spec = writer.BeginNested(IfLink.AfSpec);
        if (self)
        {
            writer.WriteU16(IfBridge.Flags, IfBridge.FlagsSelf);
        }
        Span<byte> info = stackalloc byte[IfBridge.VlanInfoSize];
        BinaryPrimitives.WriteUInt16LittleEndian(info, flags);
        BinaryPrimitives.WriteUInt16LittleEndian(info[2..], vlanId);
        writer.WriteBytes(IfBridge.VlanInfo, info);
        writer.EndNested(spec);
        writer.EndMessage(message);
    }

    private static void WriteBridgeInfo(NetlinkWriter writer, BridgeAttributes attributes)
    {
        var info = writer.BeginNested(IfLink.LinkInfo);
        writer.WriteString(IfLink.InfoKind, "bridge", nulTerminated: false);
        var data = writer.BeginNested(IfLink.InfoData);
        if (attributes.Stp is bool stp)
        {
            writer.WriteU32(IfLink.BridgeStpState, stp ? 1u : 0u);
        }
        if (attributes.VlanFiltering is bool filtering)
        {
            writer.WriteU8(IfLink.BridgeVlanFiltering, filtering ? (byte)1 : (byte)0);
        }
        if (attributes.VlanProtocol is ushort protocol)
        {
            writer.WriteU16BigEndian(IfLink.BridgeVlanProtocol, protocol);
        }
        if (attributes.DefaultPvid is ushort pvid)
        {
            writer.WriteU16(IfLink.BridgeVlanDefaultPvid, pvid);
        }
        writer.EndNested(data);
        writer.EndNested(info);
    }

    /// <summary>struct ifinfomsg { u8 family; u8 pad; u16 type; s32 index; u32 flags; u32 change; }.</summary>
    private static Span<byte> WriteLinkHeader(NetlinkWriter writer, byte family, int index)
    {
        var header = writer.WriteFixedHeader(Rtnetlink.LinkHeaderSize);
        header[0] = family;
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], index);
        return header;
    }
}

using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Wire;

namespace RouterOS.Netlink.Netfilter;

/// <summary>ctnetlink requests: dump the table, delete one entry, create one (for tests and benchmarks).</summary>
public static class ConntrackRequests
{
    /// <summary>IPCTNL_MSG_CT_GET with NLM_F_DUMP for both address families (AF_UNSPEC).</summary>
    public static void Dump(NetlinkWriter writer, uint sequence)
    {
        var message = writer.BeginMessage(Nfnetlink.MessageType(Nfnetlink.SubsystemConntrack, Ctnetlink.MessageGet),
            NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagDump, sequence);
        NfnetlinkMessages.WriteHeader(writer, AddressFamilies.Unspecified, 0);
        writer.EndMessage(message);
    }

    /// <summary>IPCTNL_MSG_CT_DELETE by original tuple and id (the id guards against a reused tuple).</summary>
    public static void Delete(NetlinkWriter writer, uint sequence, ConntrackTuple original, uint id)
    {
        var message = writer.BeginMessage(Nfnetlink.MessageType(Nfnetlink.SubsystemConntrack, Ctnetlink.MessageDelete),
            NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagAck, sequence);
        NfnetlinkMessages.WriteHeader(writer, FamilyOf(original), 0);
        WriteTuple(writer, Ctnetlink.TupleOriginal, original);
        writer.WriteU32BigEndian(Ctnetlink.Id, id);
        writer.EndMessage(message);
    }

    /// <summary>
    /// IPCTNL_MSG_CT_NEW with NLM_F_CREATE|NLM_F_EXCL: an entry with both tuples, status bits,
    /// timeout and mark, as `conntrack -I` makes one (a TCP entry also gets its state).
    /// </summary>
    public static void Create(NetlinkWriter writer, uint sequence, ConntrackTuple original, ConntrackTuple reply, uint status, uint timeoutSeconds, uint mark, byte tcpState)
    {
        var message = writer.BeginMessage(Nfnetlink.MessageType(Nfnetlink.SubsystemConntrack, Ctnetlink.MessageNew),
            NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagAck | NetlinkProtocol.FlagCreate | NetlinkProtocol.FlagExclusive, sequence);
        NfnetlinkMessages.WriteHeader(writer, FamilyOf(original), 0);
        WriteTuple(writer, Ctnetlink.TupleOriginal, original);
        WriteTuple(writer, Ctnetlink.TupleReply, reply);
        writer.WriteU32BigEndian(Ctnetlink.Status, status);
        writer.WriteU32BigEndian(Ctnetlink.Timeout, timeoutSeconds);
        writer.WriteU32BigEndian(Ctnetlink.Mark, mark);
        if (original.Protocol == Ctnetlink.ProtocolTcp)
        {
            var info = writer.BeginNested(Ctnetlink.ProtoInfo, markNested: true);
            var tcp = writer.BeginNested(Ctnetlink.ProtoInfoTcp, markNested: true);
            writer.WriteU8(Ctnetlink.ProtoInfoTcpState, tcpState);
            writer.EndNested(tcp);
            writer.EndNested(info);
        }
        writer.EndMessage(message);
    }

    private static byte FamilyOf(ConntrackTuple tuple) => tuple.Source.IsV6 ? AddressFamilies.Inet6 : AddressFamilies.Inet;

    private static void WriteTuple(NetlinkWriter writer, ushort type, ConntrackTuple tuple)
    {
        var nest = writer.BeginNested(type, markNested: true);
        var ip = writer.BeginNested(Ctnetlink.TupleIp, markNested: true);
        Span<byte> bytes = stackalloc byte[16];
        var size = tuple.Source.ByteCount;
        tuple.Source.WriteBytes(bytes);
        writer.WriteBytes(tuple.Source.IsV6 ? Ctnetlink.IpV6Source : Ctnetlink.IpV4Source, bytes[..size]);
        tuple.Destination.WriteBytes(bytes);
        writer.WriteBytes(tuple.Source.IsV6 ? Ctnetlink.IpV6Destination : Ctnetlink.IpV4Destination, bytes[..size]);
        writer.EndNested(ip);
        var proto = writer.BeginNested(Ctnetlink.TupleProto, markNested: true);
        writer.WriteU8(Ctnetlink.ProtoNumber, tuple.Protocol);
        if (tuple.Protocol is Ctnetlink.ProtocolTcp or Ctnetlink.ProtocolUdp)
        {
            writer.WriteU16BigEndian(Ctnetlink.ProtoSourcePort, tuple.SourcePort);
            writer.WriteU16BigEndian(Ctnetlink.ProtoDestinationPort, tuple.DestinationPort);
        }
        else if (tuple.Icmp is { } icmp)
        {
            // The kernel finds an ICMP entry by type, code and id (icmp_nlattr_to_tuple): without them a delete misses it.
            var v6 = tuple.Protocol == Ctnetlink.ProtocolIcmpV6;
            writer.WriteU16BigEndian(v6 ? Ctnetlink.ProtoIcmpV6Id : Ctnetlink.ProtoIcmpId, icmp.Id);
            writer.WriteU8(v6 ? Ctnetlink.ProtoIcmpV6Type : Ctnetlink.ProtoIcmpType, icmp.Type);
            writer.WriteU8(v6 ? Ctnetlink.ProtoIcmpV6Code : Ctnetlink.ProtoIcmpCode, icmp.Code);
        }
        writer.EndNested(proto);
        writer.EndNested(nest);
    }
}

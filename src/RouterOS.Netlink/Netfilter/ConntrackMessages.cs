using System.Net;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Wire;

namespace RouterOS.Netlink.Netfilter;

/// <summary>One direction of a connection: addresses, protocol and ports (ports are 0 for portless protocols).</summary>
public sealed record ConntrackTuple(IPAddress Source, IPAddress Destination, byte Protocol, ushort SourcePort, ushort DestinationPort);

/// <summary>Packets and bytes of one direction (CTA_COUNTERS_*; present with nf_conntrack_acct).</summary>
public readonly record struct ConntrackCounters(ulong Packets, ulong Bytes);

/// <summary>A conntrack entry from a dump reply or an event.</summary>
/// <param name="TcpState">TCP_CONNTRACK_* (0 when not TCP).</param>
public sealed record ConntrackEntry(
    uint Id,
    ConntrackTuple Original,
    ConntrackTuple Reply,
    uint Status,
    uint TimeoutSeconds,
    uint Mark,
    ushort Zone,
    byte TcpState,
    ConntrackCounters? OriginalCounters,
    ConntrackCounters? ReplyCounters)
{
    public bool Offloaded => (Status & Ctnetlink.StatusOffload) != 0;
    public bool HardwareOffloaded => (Status & Ctnetlink.StatusHardwareOffload) != 0;

    public static ConntrackEntry Parse(NetlinkMessage message)
    {
        ConntrackTuple? original = null, reply = null;
        uint id = 0, status = 0, timeout = 0, mark = 0;
        ushort zone = 0;
        byte tcpState = 0;
        ConntrackCounters? originalCounters = null, replyCounters = null;
        var attributes = message.Attributes(Nfnetlink.HeaderSize);
        while (attributes.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case Ctnetlink.TupleOriginal: original = ParseTuple(attribute); break;
                case Ctnetlink.TupleReply: reply = ParseTuple(attribute); break;
                case Ctnetlink.Status: status = attribute.U32BigEndian(); break;
                case Ctnetlink.Timeout: timeout = attribute.U32BigEndian(); break;
                case Ctnetlink.Mark: mark = attribute.U32BigEndian(); break;
                case Ctnetlink.Id: id = attribute.U32BigEndian(); break;
                case Ctnetlink.Zone: zone = attribute.U16BigEndian(); break;
                case Ctnetlink.CountersOriginal: originalCounters = ParseCounters(attribute); break;
                case Ctnetlink.CountersReply: replyCounters = ParseCounters(attribute); break;
                case Ctnetlink.ProtoInfo: tcpState = ParseTcpState(attribute); break;
            }
        }
        if (original is null || reply is null)
        {
            throw NetlinkParseException.At(message.Offset, "conntrack entry without both tuples");
        }
        return new ConntrackEntry(id, original, reply, status, timeout, mark, zone, tcpState, originalCounters, replyCounters);
    }

    private static ConntrackTuple ParseTuple(NetlinkAttr tuple)
    {
        IPAddress? source = null, destination = null;
        byte protocol = 0;
        ushort sourcePort = 0, destinationPort = 0;
        var reader = tuple.Nested();
        while (reader.TryRead(out var part))
        {
            var inner = part.Nested();
            while (inner.TryRead(out var field))
            {
                switch (part.Type, field.Type)
                {
                    case (Ctnetlink.TupleIp, Ctnetlink.IpV4Source): source = Address(field, 4); break;
                    case (Ctnetlink.TupleIp, Ctnetlink.IpV4Destination): destination = Address(field, 4); break;
                    case (Ctnetlink.TupleIp, Ctnetlink.IpV6Source): source = Address(field, 16); break;
                    case (Ctnetlink.TupleIp, Ctnetlink.IpV6Destination): destination = Address(field, 16); break;
                    case (Ctnetlink.TupleProto, Ctnetlink.ProtoNumber): protocol = field.U8(); break;
                    case (Ctnetlink.TupleProto, Ctnetlink.ProtoSourcePort): sourcePort = field.U16BigEndian(); break;
                    case (Ctnetlink.TupleProto, Ctnetlink.ProtoDestinationPort): destinationPort = field.U16BigEndian(); break;
                }
            }
        }
        if (source is null || destination is null)
        {
            throw NetlinkParseException.At(tuple.Offset, "conntrack tuple without both addresses");
        }
        return new ConntrackTuple(source, destination, protocol, sourcePort, destinationPort);
    }

    private static IPAddress Address(NetlinkAttr field, int size) =>
        field.Value.Length == size ? new IPAddress(field.Value) : throw NetlinkParseException.At(field.Offset, $"address of {field.Value.Length} bytes, expected {size}");

    private static ConntrackCounters ParseCounters(NetlinkAttr counters)
    {
        ulong packets = 0, bytes = 0;
        var reader = counters.Nested();
        while (reader.TryRead(out var field))
        {
            switch (field.Type)
            {
                case Ctnetlink.CounterPackets: packets = field.U64BigEndian(); break;
                case Ctnetlink.CounterBytes: bytes = field.U64BigEndian(); break;
            }
        }
        return new ConntrackCounters(packets, bytes);
    }

    private static byte ParseTcpState(NetlinkAttr protoInfo)
    {
        var reader = protoInfo.Nested();
        while (reader.TryRead(out var info))
        {
            if (info.Type != Ctnetlink.ProtoInfoTcp)
            {
                continue;
            }
            var tcp = info.Nested();
            while (tcp.TryRead(out var field))
            {
                if (field.Type == Ctnetlink.ProtoInfoTcpState)
                {
                    return field.U8();
                }
            }
        }
        return 0;
    }
}

/// <summary>ctnetlink requests: dump the table, delete one entry.</summary>
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
        var family = original.Source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? AddressFamilies.Inet : AddressFamilies.Inet6;
        NfnetlinkMessages.WriteHeader(writer, family, 0);
        var tuple = writer.BeginNested(Ctnetlink.TupleOriginal, markNested: true);
        var ip = writer.BeginNested(Ctnetlink.TupleIp, markNested: true);
        var v4 = family == AddressFamilies.Inet;
        writer.WriteBytes(v4 ? Ctnetlink.IpV4Source : Ctnetlink.IpV6Source, original.Source.GetAddressBytes());
        writer.WriteBytes(v4 ? Ctnetlink.IpV4Destination : Ctnetlink.IpV6Destination, original.Destination.GetAddressBytes());
        writer.EndNested(ip);
        var proto = writer.BeginNested(Ctnetlink.TupleProto, markNested: true);
        writer.WriteU8(Ctnetlink.ProtoNumber, original.Protocol);
        if (original.Protocol is 6 or 17)
        {
            writer.WriteU16BigEndian(Ctnetlink.ProtoSourcePort, original.SourcePort);
            writer.WriteU16BigEndian(Ctnetlink.ProtoDestinationPort, original.DestinationPort);
        }
        writer.EndNested(proto);
        writer.EndNested(tuple);
        writer.WriteU32BigEndian(Ctnetlink.Id, id);
        writer.EndMessage(message);
    }
}

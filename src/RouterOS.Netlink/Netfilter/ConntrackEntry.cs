using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Wire;

namespace RouterOS.Netlink.Netfilter;

/// <summary>
/// A conntrack entry from a dump reply or an event, parsed without allocating: a value, so a
/// reader can parse 100k of them into its own table without garbage.
/// </summary>
/// <param name="TcpState">TCP_CONNTRACK_* (0 when not TCP).</param>
/// <param name="StartNanoseconds">CTA_TIMESTAMP_START, wall-clock ns since 1970 (0 unless nf_conntrack_timestamp is on).</param>
public readonly record struct ConntrackEntry(
    uint Id,
    ConntrackTuple Original,
    ConntrackTuple Reply,
    uint Status,
    uint TimeoutSeconds,
    uint Mark,
    ushort Zone,
    byte TcpState,
    ConntrackCounters? OriginalCounters,
    ConntrackCounters? ReplyCounters,
    ulong StartNanoseconds)
{
    public bool Offloaded => (Status & Ctnetlink.StatusOffload) != 0;
    public bool DestinationTranslated => (Status & Ctnetlink.StatusDestinationNat) != 0;
    public bool HardwareOffloaded => (Status & Ctnetlink.StatusHardwareOffload) != 0;

    /// <summary>Parses a ctnetlink entry message (IPCTNL_MSG_CT_NEW or _DELETE).</summary>
    public static ConntrackEntry Parse(NetlinkMessage message)
    {
        ConntrackTuple? original = null, reply = null;
        uint id = 0, status = 0, timeout = 0, mark = 0;
        ushort zone = 0;
        byte tcpState = 0;
        ulong start = 0;
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
                case Ctnetlink.Timestamp: start = ParseStart(attribute); break;
            }
        }
        if (original is null || reply is null)
        {
            throw NetlinkParseException.At(message.Offset, "conntrack entry without both tuples");
        }
        return new ConntrackEntry(id, original.Value, reply.Value, status, timeout, mark, zone, tcpState, originalCounters, replyCounters, start);
    }

    /// <summary>Whether the entry in <paramref name="message"/> carries label bit <paramref name="bit"/> (ct label set N).</summary>
    public static bool HasLabel(NetlinkMessage message, int bit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bit, Ctnetlink.LabelBits);
        var attributes = message.Attributes(Nfnetlink.HeaderSize);
        while (attributes.TryRead(out var attribute))
        {
            if (attribute.Type == Ctnetlink.Labels)
            {
                var bits = attribute.Value;
                return bit / 8 < bits.Length && (bits[bit / 8] & (1 << (bit % 8))) != 0;
            }
        }
        return false;
    }

    /// <summary>What a ctnetlink message is: an entry of a dump, or an event.</summary>
    public static ConntrackMessageKind KindOf(NetlinkMessage message)
    {
        if (message.Type == Nfnetlink.MessageType(Nfnetlink.SubsystemConntrack, Ctnetlink.MessageDelete))
        {
            return ConntrackMessageKind.Destroyed;
        }
        if (message.Type != Nfnetlink.MessageType(Nfnetlink.SubsystemConntrack, Ctnetlink.MessageNew))
        {
            return ConntrackMessageKind.Other;
        }
        // A new-entry event carries NLM_F_CREATE|NLM_F_EXCL; an update event and a dump entry do not.
        const ushort created = NetlinkProtocol.FlagCreate | NetlinkProtocol.FlagExclusive;
        return (message.Flags & created) == created ? ConntrackMessageKind.Created : ConntrackMessageKind.Entry;
    }

    private static ConntrackTuple ParseTuple(NetlinkAttr tuple)
    {
        FlowAddress? source = null, destination = null;
        byte protocol = 0, icmpType = 0, icmpCode = 0;
        ushort sourcePort = 0, destinationPort = 0, icmpId = 0;
        var icmp = false;
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
                    case (Ctnetlink.TupleProto, Ctnetlink.ProtoIcmpId or Ctnetlink.ProtoIcmpV6Id): icmpId = field.U16BigEndian(); icmp = true; break;
                    case (Ctnetlink.TupleProto, Ctnetlink.ProtoIcmpType or Ctnetlink.ProtoIcmpV6Type): icmpType = field.U8(); icmp = true; break;
                    case (Ctnetlink.TupleProto, Ctnetlink.ProtoIcmpCode or Ctnetlink.ProtoIcmpV6Code): icmpCode = field.U8(); icmp = true; break;
                }
            }
        }
        if (source is null || destination is null)
        {
            throw NetlinkParseException.At(tuple.Offset, "conntrack tuple without both addresses");
        }
        return new ConntrackTuple(source.Value, destination.Value, protocol, sourcePort, destinationPort,
            icmp ? new ConntrackIcmp(icmpType, icmpCode, icmpId) : null);
    }

    private static FlowAddress Address(NetlinkAttr field, int size) =>
        field.Value.Length == size ? FlowAddress.FromBytes(field.Value) : throw NetlinkParseException.At(field.Offset, $"address of {field.Value.Length} bytes, expected {size}");

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

    private static ulong ParseStart(NetlinkAttr timestamp)
    {
        var reader = timestamp.Nested();
        while (reader.TryRead(out var field))
        {
            if (field.Type == Ctnetlink.TimestampStart)
            {
                return field.U64BigEndian();
            }
        }
        return 0;
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

public enum ConntrackMessageKind
{
    /// <summary>Not a conntrack entry message.</summary>
    Other,

    /// <summary>An entry of a dump (or an update event).</summary>
    Entry,

    /// <summary>A NEW event: the entry was just confirmed.</summary>
    Created,

    /// <summary>A DESTROY event, with the entry's final counters.</summary>
    Destroyed,
}

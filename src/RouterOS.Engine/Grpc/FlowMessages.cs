using Google.Protobuf.WellKnownTypes;
using RouterOS.Contracts.Engine;
using RouterOS.Domain.Flows;
using RouterOS.Engine.Flows;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Grpc;

/// <summary>Flows and totals as the contract carries them.</summary>
internal static class FlowMessages
{
    // IPS_SRC_NAT and IPS_DST_NAT (include/uapi/linux/netfilter/nf_conntrack_common.h).
    private const uint SourceNat = 1 << 4;
    private const uint DestinationNat = 1 << 5;

    public static Flow ToContract(in FlowSnapshot flow)
    {
        var entry = flow.Entry;
        var message = new Flow
        {
            Id = flow.Key,
            ConntrackId = entry.Id,
            Zone = entry.Zone,
            Family = entry.Original.Source.IsV6 ? "ipv6" : "ipv4",
            Protocol = entry.Original.Protocol,
            ProtocolName = ProtocolName(entry.Original.Protocol),
            Original = Direction(entry.Original, entry.OriginalCounters, flow.OriginalPacketsPerSecond, flow.OriginalBytesPerSecond),
            Reply = Direction(entry.Reply, entry.ReplyCounters, flow.ReplyPacketsPerSecond, flow.ReplyBytesPerSecond),
            SourceNat = (entry.Status & SourceNat) != 0,
            DestinationNat = (entry.Status & DestinationNat) != 0,
            TcpState = entry.Original.Protocol == Ctnetlink.ProtocolTcp ? TcpStates.Name(entry.TcpState) : "",
            Status = entry.Status,
            Offload = flow.Offload switch { OffloadState.Software => "software", OffloadState.Hardware => "hardware", _ => "none" },
            Counters = flow.Counters switch
            {
                CounterState.Missing => "missing",
                CounterState.FrozenWhileOffloaded => "frozen_while_offloaded",
                CounterState.MaybeFrozenWhileOffloaded => "maybe_frozen_while_offloaded",
                _ => "live",
            },
            Started = Timestamp.FromDateTimeOffset(flow.FirstSeen),
            TimeoutSeconds = entry.TimeoutSeconds,
            Mark = entry.Mark,
            Flowtable = flow.Flowtable ?? "",
            OffloadRule = flow.OffloadRule ?? "",
            Expires = Timestamp.FromDateTimeOffset(flow.Expires),
            NotOffloadedReason = flow.NotOffloadedReason ?? "",
            InputInterface = flow.Path.In ?? "",
            OutputInterface = flow.Path.Out ?? "",
        };
        if (flow.OffloadedSince is { } since)
        {
            message.OffloadedSince = Timestamp.FromDateTimeOffset(since);
        }
        return message;
    }

    public static Contracts.Engine.FlowAggregates ToContract(FlowTotals totals)
    {
        var message = new Contracts.Engine.FlowAggregates
        {
            At = Timestamp.FromDateTimeOffset(totals.At),
            Total = (uint)totals.Total,
            Classic = (uint)totals.Classic,
            SoftwareOffloaded = (uint)totals.SoftwareOffloaded,
            HardwareOffloaded = (uint)totals.HardwareOffloaded,
            FastPathBytesPerSecond = totals.FastPathBytesPerSecond,
            ClassicBytesPerSecond = totals.ClassicBytesPerSecond,
            NewFlowsPerSecond = totals.NewFlowsPerSecond,
            EventsLost = totals.EventsLost,
            Resyncs = totals.Resyncs,
        };
        if (totals.CountersSince is { } since)
        {
            message.CountersSince = Timestamp.FromDateTimeOffset(since);
        }
        return message;
    }

    private static FlowDirection Direction(in ConntrackTuple tuple, ConntrackCounters? counters, double packetsPerSecond, double bytesPerSecond) => new()
    {
        Icmp = tuple.Icmp is { } icmp ? new FlowIcmp { Type = icmp.Type, Code = icmp.Code, Id = icmp.Id } : null,
        Source = new FlowEndpoint { Address = tuple.Source.ToString(), Port = tuple.SourcePort },
        Destination = new FlowEndpoint { Address = tuple.Destination.ToString(), Port = tuple.DestinationPort },
        Packets = counters?.Packets ?? 0,
        Bytes = counters?.Bytes ?? 0,
        PacketsPerSecond = packetsPerSecond,
        BytesPerSecond = bytesPerSecond,
    };

    private static string ProtocolName(byte protocol) => protocol switch
    {
        1 => "icmp",
        6 => "tcp",
        17 => "udp",
        47 => "gre",
        58 => "ipv6-icmp",
        132 => "sctp",
        136 => "udplite",
        _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

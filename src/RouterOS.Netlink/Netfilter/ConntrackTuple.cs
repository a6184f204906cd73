namespace RouterOS.Netlink.Netfilter;

/// <summary>One direction of a connection: addresses, protocol and ports (ports are 0 for portless protocols).</summary>
public readonly record struct ConntrackTuple(FlowAddress Source, FlowAddress Destination, byte Protocol, ushort SourcePort, ushort DestinationPort);

/// <summary>Packets and bytes of one direction (CTA_COUNTERS_*; present with nf_conntrack_acct).</summary>
public readonly record struct ConntrackCounters(ulong Packets, ulong Bytes);

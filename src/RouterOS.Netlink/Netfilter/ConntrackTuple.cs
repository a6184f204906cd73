namespace RouterOS.Netlink.Netfilter;

/// <summary>One direction of a connection: addresses, protocol and ports (ports are 0 for portless protocols).</summary>
/// <param name="Icmp">ICMP and ICMPv6 only: what conntrack tracks them by instead of ports.</param>
public readonly record struct ConntrackTuple(FlowAddress Source, FlowAddress Destination, byte Protocol, ushort SourcePort, ushort DestinationPort, ConntrackIcmp? Icmp = null);

/// <summary>An ICMP or ICMPv6 tuple's type, code and identifier (CTA_PROTO_ICMP_* / CTA_PROTO_ICMPV6_*), as `conntrack -L` shows them.</summary>
public readonly record struct ConntrackIcmp(byte Type, byte Code, ushort Id);

/// <summary>Packets and bytes of one direction (CTA_COUNTERS_*; present with nf_conntrack_acct).</summary>
public readonly record struct ConntrackCounters(ulong Packets, ulong Bytes);

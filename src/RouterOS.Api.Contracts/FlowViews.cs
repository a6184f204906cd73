namespace RouterOS.Api.Contracts;

/// <summary>One direction of a connection, with its counters and rates over the engine's last interval.</summary>
/// <param name="Icmp">ICMP and ICMPv6 only: type, code and id (they have no ports).</param>
public sealed record FlowDirectionView(string Source, int SourcePort, string Destination, int DestinationPort, ulong Packets, ulong Bytes, double PacketsPerSecond, double BytesPerSecond,
    FlowIcmpView? Icmp = null);

/// <summary>What conntrack tracks an ICMP flow by, as `conntrack -L` shows it (type=8 code=0 id=1234).</summary>
public sealed record FlowIcmpView(int Type, int Code, int Id);

/// <summary>
/// A connection through the router, as REST and the hub show it.
/// </summary>
/// <param name="Offload">"none" (classic path), "software" ([OFFLOAD]) or "hardware" ([HW_OFFLOAD]).</param>
/// <param name="Counters">"live", "missing", "frozen_while_offloaded" or "maybe_frozen_while_offloaded".</param>
/// <param name="CountersNote">The counters' honesty in plain words, when they are not simply live.</param>
/// <param name="SourceNat">The translated source as address:port ("before -> after" is Original.Source -> this), when the source was translated.</param>
/// <param name="DestinationNat">The translated destination, when the destination was translated (a port forward).</param>
/// <param name="Id">Unique while the flow lives (the conntrack id, see the engine contract).</param>
/// <param name="Expires">When the kernel drops the connection if no packet comes (TimeoutSeconds counts down to it).</param>
/// <param name="NotOffloadedReason">Why it is not on the fast path (or not in hardware when that was asked), in plain words; null when it is.</param>
/// <param name="InputInterface">The device it enters by, as the routes say (null when unknown or the router's own).</param>
/// <param name="OutputInterface">The device it leaves by.</param>
public sealed record FlowView(
    ulong Id,
    uint ConntrackId,
    int Zone,
    string Family,
    int Protocol,
    string ProtocolName,
    FlowDirectionView Original,
    FlowDirectionView Reply,
    string? SourceNat,
    string? DestinationNat,
    string? TcpState,
    string Offload,
    string Counters,
    string? CountersNote,
    DateTimeOffset? OffloadedSince,
    DateTimeOffset Started,
    DateTimeOffset? Expires,
    uint Mark,
    string? Flowtable,
    string? OffloadRule,
    string? NotOffloadedReason = null,
    string? InputInterface = null,
    string? OutputInterface = null)
{
    /// <summary>
    /// Seconds left before the kernel drops it if no packet comes, as `conntrack -L` would say now:
    /// counted from <see cref="Expires"/> against the clock the engine read it with (the system's),
    /// so it is live although the engine sends a flow again only when its expiry moves.
    /// </summary>
    public int TimeoutSeconds => Expires is { } at ? (int)Math.Max(0, Math.Round((at - DateTimeOffset.UtcNow).TotalSeconds)) : 0;

    public ulong Bytes => Original.Bytes + Reply.Bytes;

    public double BytesPerSecond => Original.BytesPerSecond + Reply.BytesPerSecond;
}

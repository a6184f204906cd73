using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Flows;

/// <summary>Where a flow's packets go: the classic forwarding path, the software fast path, or hardware.</summary>
public enum OffloadState
{
    None,
    Software,
    Hardware,
}

/// <summary>How far a flow's counters can be trusted.</summary>
public enum CounterState
{
    /// <summary>Counting every packet, fast path included.</summary>
    Live,

    /// <summary>No counters: the flow began before accounting was on (nf_conntrack_acct).</summary>
    Missing,

    /// <summary>Offloaded into a flowtable without `counter`: the numbers stopped when it was offloaded.</summary>
    FrozenWhileOffloaded,

    /// <summary>Offloaded while some flowtables count and others do not: the numbers may have stopped.</summary>
    MaybeFrozenWhileOffloaded,
}

/// <summary>
/// One connection as the monitor tracks it: the latest kernel entry, when it was first seen,
/// rates over the last interval, and since when it has been offloaded. Mutable and owned by
/// <see cref="FlowTable"/> (read under its lock).
/// </summary>
public sealed class FlowRecord
{
    internal FlowRecord(ulong key, ConntrackEntry entry, DateTimeOffset firstSeen)
    {
        Key = key;
        Entry = entry;
        FirstSeen = firstSeen;
        CountedAt = firstSeen;
    }

    /// <summary>Unique while the flow lives: its conntrack id, unless another flow had that id first (see <see cref="FlowTable"/>).</summary>
    public ulong Key { get; }

    public ConntrackEntry Entry { get; internal set; }

    /// <summary>When the kernel started the entry (CTA_TIMESTAMP), else when the monitor first saw it.</summary>
    public DateTimeOffset FirstSeen { get; internal set; }

    public DateTimeOffset? OffloadedSince { get; internal set; }

    /// <summary>When the kernel drops the entry if no packet comes: the reading's time plus its timeout (CTA_TIMEOUT).</summary>
    public DateTimeOffset Expires { get; internal set; }

    /// <summary>
    /// A dump has read it. A NEW event carries the entry as it was born (syn_sent, no counters:
    /// events carry none): it is not shown before a dump has read what it is now.
    /// </summary>
    internal bool Read { get; set; }

    public double OriginalBytesPerSecond { get; internal set; }
    public double ReplyBytesPerSecond { get; internal set; }
    public double OriginalPacketsPerSecond { get; internal set; }
    public double ReplyPacketsPerSecond { get; internal set; }

    /// <summary>When the counters the rates were computed from were read.</summary>
    internal DateTimeOffset CountedAt { get; set; }

    /// <summary>The dump that last saw this flow: one not seen by the latest dump is gone.</summary>
    internal long Generation { get; set; }

    public OffloadState Offload => Entry.HardwareOffloaded ? OffloadState.Hardware : Entry.Offloaded ? OffloadState.Software : OffloadState.None;

    public double BytesPerSecond => OriginalBytesPerSecond + ReplyBytesPerSecond;

    public ulong TotalBytes => (Entry.OriginalCounters?.Bytes ?? 0) + (Entry.ReplyCounters?.Bytes ?? 0);
}

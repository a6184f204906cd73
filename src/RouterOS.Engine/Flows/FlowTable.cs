using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Flows;

/// <summary>
/// Every connection the monitor knows, by conntrack id, and the diff of each dump against the
/// last: a flow whose counters, status or state moved is changed, one the dump did not list is
/// gone. Rates are bytes and packets per second since the flow's previous reading. Not
/// thread-safe: <see cref="FlowMonitor"/> holds its lock around every use.
/// </summary>
public sealed class FlowTable
{
    private readonly Dictionary<uint, FlowRecord> _flows = [];
    private long _generation;

    public int Count => _flows.Count;

    public IEnumerable<FlowRecord> All => _flows.Values;

    public FlowRecord? Find(uint id) => _flows.GetValueOrDefault(id);

    /// <summary>Starts reading a dump: flows it does not list will be gone at <see cref="EndDump"/>.</summary>
    public void BeginDump() => _generation++;

    /// <summary>One entry of the dump in progress.</summary>
    public void Observe(in ConntrackEntry entry, DateTimeOffset now, FlowChanges changes)
    {
        if (!_flows.TryGetValue(entry.Id, out var flow) || flow.Entry.Original != entry.Original)
        {
            // New, or the id was reused by another connection: the old one is gone.
            if (flow is not null)
            {
                changes.Remove(entry.Id);
            }
            flow = new FlowRecord(entry, StartOf(entry, now)) { Generation = _generation, CountedAt = now };
            flow.OffloadedSince = entry.Offloaded ? now : null;
            _flows[entry.Id] = flow;
            changes.Upsert(entry.Id);
            changes.Born++;
            return;
        }
        flow.Generation = _generation;
        var previous = flow.Entry;
        var previousRate = (flow.OriginalBytesPerSecond, flow.ReplyBytesPerSecond);
        var seconds = (now - flow.CountedAt).TotalSeconds;
        if (seconds > 0)
        {
            flow.OriginalBytesPerSecond = Rate(previous.OriginalCounters?.Bytes, entry.OriginalCounters?.Bytes, seconds);
            flow.ReplyBytesPerSecond = Rate(previous.ReplyCounters?.Bytes, entry.ReplyCounters?.Bytes, seconds);
            flow.OriginalPacketsPerSecond = Rate(previous.OriginalCounters?.Packets, entry.OriginalCounters?.Packets, seconds);
            flow.ReplyPacketsPerSecond = Rate(previous.ReplyCounters?.Packets, entry.ReplyCounters?.Packets, seconds);
            flow.CountedAt = now;
        }
        if (entry.Offloaded && flow.OffloadedSince is null)
        {
            flow.OffloadedSince = now;
        }
        else if (!entry.Offloaded)
        {
            flow.OffloadedSince = null;
        }
        flow.Entry = entry;
        // The timeout ticks down every second: by itself it is not a change worth sending.
        if (previous.Status != entry.Status || previous.TcpState != entry.TcpState || previous.Mark != entry.Mark
            || previous.OriginalCounters != entry.OriginalCounters || previous.ReplyCounters != entry.ReplyCounters
            || previousRate != (flow.OriginalBytesPerSecond, flow.ReplyBytesPerSecond))
        {
            changes.Upsert(entry.Id);
        }
    }

    /// <summary>Ends the dump: every flow it did not list is gone.</summary>
    public void EndDump(FlowChanges changes)
    {
        List<uint>? gone = null;
        foreach (var (id, flow) in _flows)
        {
            if (flow.Generation != _generation)
            {
                (gone ??= []).Add(id);
            }
        }
        foreach (var id in gone ?? [])
        {
            _flows.Remove(id);
            changes.Remove(id);
        }
    }

    /// <summary>A NEW event between dumps.</summary>
    public void Created(in ConntrackEntry entry, DateTimeOffset now, FlowChanges changes)
    {
        if (_flows.ContainsKey(entry.Id))
        {
            return;
        }
        _flows[entry.Id] = new FlowRecord(entry, StartOf(entry, now)) { Generation = _generation, CountedAt = now };
        changes.Upsert(entry.Id);
        changes.Born++;
    }

    /// <summary>A DESTROY event between dumps.</summary>
    public void Destroyed(in ConntrackEntry entry, FlowChanges changes)
    {
        if (_flows.Remove(entry.Id))
        {
            changes.Remove(entry.Id);
        }
    }

    private static DateTimeOffset StartOf(in ConntrackEntry entry, DateTimeOffset now) =>
        entry.StartNanoseconds == 0 ? now : DateTimeOffset.UnixEpoch.AddTicks((long)(entry.StartNanoseconds / 100));

    // Counters only grow; a smaller reading (a zeroed counter) is a fresh start, not a negative rate.
    private static double Rate(ulong? before, ulong? now, double seconds) =>
        before is { } b && now is { } n && n >= b ? (n - b) / seconds : 0;
}

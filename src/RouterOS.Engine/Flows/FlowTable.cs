using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Flows;

/// <summary>
/// Every connection the monitor knows, and the diff of each dump against the last: a flow whose
/// counters, status or state moved is changed, one the dump did not list is gone. Rates are
/// bytes and packets per second since the flow's previous reading. Not thread-safe:
/// <see cref="FlowMonitor"/> holds its lock around every use.
/// </summary>
/// <remarks>
/// Conntrack ids are 32-bit hashes, so a large table has collisions (about 120 pairs in 1M
/// entries): a flow is its id and its original tuple. Its key is the id, with a sequence number
/// in the upper 32 bits for the second and later flows sharing an id, so it stays the conntrack
/// id for nearly every flow and is unique and stable for the flow's life.
/// </remarks>
public sealed class FlowTable
{
    private readonly Dictionary<ulong, FlowRecord> _flows = [];
    private readonly Dictionary<uint, List<ulong>> _sharedIds = [];
    private long _generation;

    public int Count => _flows.Count;

    public IEnumerable<FlowRecord> All => _flows.Values;

    public FlowRecord? Find(ulong key) => _flows.GetValueOrDefault(key);

    /// <summary>Starts reading a dump: flows it does not list will be gone at <see cref="EndDump"/>.</summary>
    public void BeginDump() => _generation++;

    /// <summary>One entry of the dump in progress.</summary>
    public void Observe(in ConntrackEntry entry, DateTimeOffset now, FlowChanges changes)
    {
        if (FindKey(entry) is not { } key)
        {
            var flow = Add(entry, now, changes);
            flow.OffloadedSince = entry.Offloaded ? now : null;
            return;
        }
        var known = _flows[key];
        known.Generation = _generation;
        var previous = known.Entry;
        var previousRate = (known.OriginalBytesPerSecond, known.ReplyBytesPerSecond);
        var seconds = (now - known.CountedAt).TotalSeconds;
        if (seconds > 0)
        {
            known.OriginalBytesPerSecond = Rate(previous.OriginalCounters?.Bytes, entry.OriginalCounters?.Bytes, seconds);
            known.ReplyBytesPerSecond = Rate(previous.ReplyCounters?.Bytes, entry.ReplyCounters?.Bytes, seconds);
            known.OriginalPacketsPerSecond = Rate(previous.OriginalCounters?.Packets, entry.OriginalCounters?.Packets, seconds);
            known.ReplyPacketsPerSecond = Rate(previous.ReplyCounters?.Packets, entry.ReplyCounters?.Packets, seconds);
            known.CountedAt = now;
        }
        if (entry.Offloaded && known.OffloadedSince is null)
        {
            known.OffloadedSince = now;
        }
        else if (!entry.Offloaded)
        {
            known.OffloadedSince = null;
        }
        known.Entry = entry;
        // The timeout ticks down every second: by itself it is not a change worth sending.
        if (previous.Status != entry.Status || previous.TcpState != entry.TcpState || previous.Mark != entry.Mark
            || previous.OriginalCounters != entry.OriginalCounters || previous.ReplyCounters != entry.ReplyCounters
            || previousRate != (known.OriginalBytesPerSecond, known.ReplyBytesPerSecond))
        {
            changes.Upsert(key);
        }
    }

    /// <summary>Ends the dump: every flow it did not list is gone.</summary>
    public void EndDump(FlowChanges changes)
    {
        List<ulong>? gone = null;
        foreach (var (key, flow) in _flows)
        {
            if (flow.Generation != _generation)
            {
                (gone ??= []).Add(key);
            }
        }
        foreach (var key in gone ?? [])
        {
            Remove(key, changes);
        }
    }

    /// <summary>A NEW event between dumps.</summary>
    public void Created(in ConntrackEntry entry, DateTimeOffset now, FlowChanges changes)
    {
        if (FindKey(entry) is null)
        {
            _ = Add(entry, now, changes);
        }
    }

    /// <summary>A DESTROY event between dumps.</summary>
    public void Destroyed(in ConntrackEntry entry, FlowChanges changes)
    {
        if (FindKey(entry) is { } key)
        {
            Remove(key, changes);
        }
    }

    private ulong? FindKey(in ConntrackEntry entry)
    {
        if (_flows.TryGetValue(entry.Id, out var flow) && flow.Entry.Original == entry.Original)
        {
            return entry.Id;
        }
        if (_sharedIds.TryGetValue(entry.Id, out var keys))
        {
            foreach (var key in keys)
            {
                if (_flows[key].Entry.Original == entry.Original)
                {
                    return key;
                }
            }
        }
        return null;
    }

    private FlowRecord Add(in ConntrackEntry entry, DateTimeOffset now, FlowChanges changes)
    {
        ulong key = entry.Id;
        if (_flows.ContainsKey(key))
        {
            var keys = _sharedIds.TryGetValue(entry.Id, out var shared) ? shared : _sharedIds[entry.Id] = [];
            ulong sequence = 1;
            while (keys.Contains((sequence << 32) | entry.Id))
            {
                sequence++;
            }
            key = (sequence << 32) | entry.Id;
            keys.Add(key);
        }
        var flow = new FlowRecord(key, entry, StartOf(entry, now)) { Generation = _generation, CountedAt = now };
        _flows[key] = flow;
        changes.Upsert(key);
        changes.Born++;
        return flow;
    }

    private void Remove(ulong key, FlowChanges changes)
    {
        _ = _flows.Remove(key);
        var id = (uint)key;
        if (key != id && _sharedIds.TryGetValue(id, out var keys))
        {
            _ = keys.Remove(key);
            if (keys.Count == 0)
            {
                _ = _sharedIds.Remove(id);
            }
        }
        changes.Remove(key);
    }

    private static DateTimeOffset StartOf(in ConntrackEntry entry, DateTimeOffset now) =>
        entry.StartNanoseconds == 0 ? now : DateTimeOffset.UnixEpoch.AddTicks((long)(entry.StartNanoseconds / 100));

    // Counters only grow; a smaller reading (a zeroed counter) is a fresh start, not a negative rate.
    private static double Rate(ulong? before, ulong? now, double seconds) =>
        before is { } b && now is { } n && n >= b ? (n - b) / seconds : 0;
}

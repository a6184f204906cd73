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
    /// <summary>
    /// How far a flow's expiry may move before it is sent again: the timeout is read in whole
    /// seconds at the dump's time, so an idle flow's expiry wobbles by a second from dump to dump.
    /// </summary>
    private static readonly TimeSpan ExpiryTolerance = TimeSpan.FromSeconds(2);

    private readonly Dictionary<ulong, FlowRecord> _flows = [];
    private readonly Dictionary<uint, List<ulong>> _sharedIds = [];
    private long _generation;

    public int Count => _flows.Count;

    public IEnumerable<FlowRecord> All => _flows.Values;

    /// <summary>The flows a dump has read: the ones subscribers are told of.</summary>
    public IEnumerable<FlowRecord> Shown => _flows.Values.Where(flow => flow.Read);

    public FlowRecord? Find(ulong key) => _flows.GetValueOrDefault(key);

    /// <summary>Starts reading a dump: flows it does not list will be gone at <see cref="EndDump"/>.</summary>
    public void BeginDump() => _generation++;

    /// <summary>One entry of the dump in progress.</summary>
    public void Observe(in ConntrackEntry entry, DateTimeOffset now, FlowChanges changes)
    {
        var expires = now.AddSeconds(entry.TimeoutSeconds);
        if (FindKey(entry) is not { } key)
        {
            var flow = Add(entry, now, changes, read: true);
            flow.OffloadedSince = entry.Offloaded ? now : null;
            return;
        }
        var known = _flows[key];
        known.Generation = _generation;
        var firstRead = !known.Read;
        known.Read = true;
        var previousExpires = known.Expires;
        known.Expires = expires;
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
        // The timeout ticks down every second: by itself it is not a change worth sending, but
        // its expiry moving (a packet, a new TCP state, the flowtable refreshing it) is.
        if (firstRead || (expires - previousExpires).Duration() > ExpiryTolerance
            || previous.Status != entry.Status || previous.TcpState != entry.TcpState || previous.Mark != entry.Mark
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

    /// <summary>
    /// A NEW event between dumps: counted as a birth, shown once a dump has read it (the event's
    /// copy is the entry at its first packet: syn_sent, no counters).
    /// </summary>
    public void Created(in ConntrackEntry entry, DateTimeOffset now, FlowChanges changes)
    {
        if (FindKey(entry) is null)
        {
            _ = Add(entry, now, changes, read: false);
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

    private FlowRecord Add(in ConntrackEntry entry, DateTimeOffset now, FlowChanges changes, bool read)
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
        var flow = new FlowRecord(key, entry, StartOf(entry, now))
        {
            Generation = _generation,
            CountedAt = now,
            Read = read,
            Expires = now.AddSeconds(entry.TimeoutSeconds),
        };
        _flows[key] = flow;
        if (read)
        {
            changes.Upsert(key);
        }
        changes.Born++;
        return flow;
    }

    private void Remove(ulong key, FlowChanges changes)
    {
        _ = _flows.Remove(key, out var flow);
        var id = (uint)key;
        if (key != id && _sharedIds.TryGetValue(id, out var keys))
        {
            _ = keys.Remove(key);
            if (keys.Count == 0)
            {
                _ = _sharedIds.Remove(id);
            }
        }
        // Never shown, so never to be taken back.
        if (flow?.Read == true)
        {
            changes.Remove(key);
        }
    }

    private static DateTimeOffset StartOf(in ConntrackEntry entry, DateTimeOffset now) =>
        entry.StartNanoseconds == 0 ? now : DateTimeOffset.UnixEpoch.AddTicks((long)(entry.StartNanoseconds / 100));

    // Counters only grow; a smaller reading (a zeroed counter) is a fresh start, not a negative rate.
    private static double Rate(ulong? before, ulong? now, double seconds) =>
        before is { } b && now is { } n && n >= b ? (n - b) / seconds : 0;
}

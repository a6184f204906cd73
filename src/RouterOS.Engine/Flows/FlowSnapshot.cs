using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Flows;

/// <summary>A flow copied out of the monitor's table, with what the running configuration says about it.</summary>
public readonly record struct FlowSnapshot(
    ulong Key,
    ConntrackEntry Entry,
    DateTimeOffset FirstSeen,
    DateTimeOffset? OffloadedSince,
    double OriginalBytesPerSecond,
    double ReplyBytesPerSecond,
    double OriginalPacketsPerSecond,
    double ReplyPacketsPerSecond,
    CounterState Counters,
    string? Flowtable)
{
    public OffloadState Offload => Entry.HardwareOffloaded ? OffloadState.Hardware : Entry.Offloaded ? OffloadState.Software : OffloadState.None;

    public static FlowSnapshot Of(FlowRecord flow, EquatableArray<Flowtable> flowtables) => new(
        flow.Key, flow.Entry, flow.FirstSeen, flow.OffloadedSince,
        flow.OriginalBytesPerSecond, flow.ReplyBytesPerSecond, flow.OriginalPacketsPerSecond, flow.ReplyPacketsPerSecond,
        CountersOf(flow, flowtables),
        flow.Offload != OffloadState.None && flowtables.Count == 1 ? flowtables[0].Name.ToString() : null);

    /// <summary>
    /// How far the counters can be trusted: missing without accounting; for an offloaded flow,
    /// live only if every flowtable it could be in has `counter` (the fast path counts only then).
    /// </summary>
    public static CounterState CountersOf(FlowRecord flow, EquatableArray<Flowtable> flowtables)
    {
        if (flow.Entry.OriginalCounters is null)
        {
            return CounterState.Missing;
        }
        if (flow.Offload == OffloadState.None)
        {
            return CounterState.Live;
        }
        return flowtables.Count == 0 ? CounterState.MaybeFrozenWhileOffloaded
            : flowtables.All(flowtable => flowtable.Counter) ? CounterState.Live
            : flowtables.All(flowtable => !flowtable.Counter) ? CounterState.FrozenWhileOffloaded
            : CounterState.MaybeFrozenWhileOffloaded;
    }
}

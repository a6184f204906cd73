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
    string? Flowtable,
    string? OffloadRule)
{
    public OffloadState Offload => Entry.HardwareOffloaded ? OffloadState.Hardware : Entry.Offloaded ? OffloadState.Software : OffloadState.None;

    /// <param name="policy">The running offload policy, to name the rule that decided the flow.</param>
    public static FlowSnapshot Of(FlowRecord flow, EquatableArray<Flowtable> flowtables, OffloadPolicyMatcher policy)
    {
        var rule = policy.RuleOf(flow.Entry);
        // The deciding rule names the flowtable; failing that, a lone flowtable is the only one it can be in.
        var flowtable = flow.Offload == OffloadState.None ? null
            : rule is { Action: OffloadAction.Offload, Flowtable: { } named } ? named.ToString()
            : flowtables.Count == 1 ? flowtables[0].Name.ToString()
            : null;
        return new FlowSnapshot(
            flow.Key, flow.Entry, flow.FirstSeen, flow.OffloadedSince,
            flow.OriginalBytesPerSecond, flow.ReplyBytesPerSecond, flow.OriginalPacketsPerSecond, flow.ReplyPacketsPerSecond,
            CountersOf(flow, flowtables, flowtable), flowtable, rule?.Name.ToString());
    }

    /// <summary>
    /// How far the counters can be trusted: missing without accounting; for an offloaded flow,
    /// live only if the flowtable it is in (or, not knowing which, every flowtable) has `counter`:
    /// the fast path counts only then.
    /// </summary>
    public static CounterState CountersOf(FlowRecord flow, EquatableArray<Flowtable> flowtables, string? inFlowtable = null)
    {
        if (flow.Entry.OriginalCounters is null)
        {
            return CounterState.Missing;
        }
        if (flow.Offload == OffloadState.None)
        {
            return CounterState.Live;
        }
        if (inFlowtable is not null && flowtables.FirstOrDefault(flowtable => flowtable.Name.ToString() == inFlowtable) is { } known)
        {
            return known.Counter ? CounterState.Live : CounterState.FrozenWhileOffloaded;
        }
        return flowtables.Count == 0 ? CounterState.MaybeFrozenWhileOffloaded
            : flowtables.All(flowtable => flowtable.Counter) ? CounterState.Live
            : flowtables.All(flowtable => !flowtable.Counter) ? CounterState.FrozenWhileOffloaded
            : CounterState.MaybeFrozenWhileOffloaded;
    }
}

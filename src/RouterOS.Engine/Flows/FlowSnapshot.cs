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
    string? OffloadRule,
    DateTimeOffset Expires,
    FlowPath Path,
    string? NotOffloadedReason)
{
    public OffloadState Offload => Entry.HardwareOffloaded ? OffloadState.Hardware : Entry.Offloaded ? OffloadState.Software : OffloadState.None;

    /// <param name="context">The running configuration, capabilities and routes: the rule that decided the flow, and why it is not offloaded.</param>
    public static FlowSnapshot Of(FlowRecord flow, FlowContext context)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(context);
        var flowtables = context.Flowtables;
        var path = context.Routes.PathOf(flow.Entry);
        var decision = context.Policy.Decide(flow.Entry, path);
        var rule = decision.Rule;
        // The deciding rule names the flowtable; failing that, a lone flowtable is the only one it can be in.
        var flowtable = flow.Offload == OffloadState.None ? null
            : rule is { Action: OffloadAction.Offload, Flowtable: { } named } ? named.ToString()
            : flowtables.Count == 1 ? flowtables[0].Name.ToString()
            : null;
        return new FlowSnapshot(
            flow.Key, flow.Entry, flow.FirstSeen, flow.OffloadedSince,
            flow.OriginalBytesPerSecond, flow.ReplyBytesPerSecond, flow.OriginalPacketsPerSecond, flow.ReplyPacketsPerSecond,
            CountersOf(flow, flowtables, flowtable), flowtable, rule?.Name.ToString(), flow.Expires, path,
            Flows.NotOffloadedReason.Of(flow, path, decision, context));
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

using RouterOS.Domain.Model;
using RouterOS.Netlink.Constants;

namespace RouterOS.Engine.Flows;

/// <summary>TCP_CONNTRACK_* (include/uapi/linux/netfilter/nf_conntrack_tcp.h), in order.</summary>
public static class TcpStates
{
    public const byte Established = 3;

    private static readonly string[] Names = ["none", "syn_sent", "syn_recv", "established", "fin_wait", "close_wait", "last_ack", "time_wait", "close", "syn_sent2"];

    public static string Name(byte state) => state < Names.Length ? Names[state] : state.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Why a flow is not on the fast path (or not on the hardware one), in plain words, from what the
/// engine knows: the kernel's capabilities, the flow's protocol, devices and state, the offload
/// policy and the flowtables' devices. Checked in the order the kernel decides: a flow no rule
/// selects never leaves the classic path, whatever its state.
/// </summary>
public static class NotOffloadedReason
{
    /// <returns>Null for a flow on the fast path it was meant for.</returns>
    public static string? Of(FlowRecord flow, FlowPath path, PolicyDecision decision, FlowContext context)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(context);
        return flow.Offload switch
        {
            OffloadState.Hardware => null,
            OffloadState.Software => HardwareRefused(decision, context),
            _ => Classic(flow, path, decision, context),
        };
    }

    private static string? Classic(FlowRecord flow, FlowPath path, PolicyDecision decision, FlowContext context)
    {
        var entry = flow.Entry;
        if (context.Capabilities is { Flowtable: false })
            return "the kernel has no flowtable support (nf_flow_table): every connection takes the classic path";
        if (entry.Original.Protocol is not (Ctnetlink.ProtocolTcp or Ctnetlink.ProtocolUdp))
            return "only TCP and UDP connections can be offloaded";
        if (path.ToRouter)
            return "a connection to the router itself: only forwarded connections are offloaded";
        if (path.FromRouter)
            return "a connection from the router itself: only forwarded connections are offloaded";
        if (context.Config is null || context.Policy.IsEmpty)
            return "no offload rule matched: the offload policy is empty";
        if (decision.UnknownAt is { } unknown)
            return unknown.MatchOrDefault.Dscp is not null
                ? $"offload rule '{unknown.Name}' matches on DSCP, which conntrack does not keep: whether it selects this connection cannot be told"
                : $"offload rule '{unknown.Name}' matches on interfaces and no route tells this connection's";
        if (decision.Rule is not { } rule)
            return "no offload rule matched";
        if (rule.Action == OffloadAction.Never)
            return $"excluded by offload rule '{rule.Name}'";
        if (rule.Flowtable is { } named && Uncovered(path, named.ToString(), context) is { } uncovered)
            return uncovered;
        if (entry.Original.Protocol == Ctnetlink.ProtocolTcp && entry.TcpState != TcpStates.Established)
            return entry.TcpState < TcpStates.Established
                ? $"not established yet (TCP {TcpStates.Name(entry.TcpState)})"
                : $"closing (TCP {TcpStates.Name(entry.TcpState)}): a closing connection is not offloaded";
        if (entry.Original.Protocol == Ctnetlink.ProtocolUdp && (entry.Status & Ctnetlink.StatusSeenReply) == 0)
            return "not established yet: no reply seen";
        return $"offload rule '{rule.Name}' selects it for flowtable '{rule.Flowtable}': the kernel offloads it at its next packet";
    }

    /// <summary>A flowtable sees only packets arriving on the devices it hooks: both ends of the flow must be among them.</summary>
    private static string? Uncovered(FlowPath path, string flowtable, FlowContext context)
    {
        var hooked = context.DevicesOf(flowtable);
        var missing = new[] { path.In, path.Out }.OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(device => !context.RealDevicesOf(device).Any(hooked.Contains)).ToList();
        return missing.Count == 0 ? null
            : $"no flowtable covers its devices: flowtable '{flowtable}' hooks {(hooked.Count == 0 ? "no device" : string.Join(", ", hooked.Order(StringComparer.Ordinal)))}, not {string.Join(" or ", missing)}";
    }

    private static string? HardwareRefused(PolicyDecision decision, FlowContext context)
    {
        var flowtables = decision.Rule?.Flowtable is { } named ? [named.ToString()]
            : context.Flowtables.Select(flowtable => flowtable.Name.ToString()).ToArray();
        var wanted = flowtables.Select(context.Flowtable).OfType<Flowtable>().Where(flowtable => flowtable.HardwareOffload).ToList();
        if (wanted.Count == 0)
            return null;
        var refused = wanted.SelectMany(flowtable => context.DevicesOf(flowtable.Name.ToString()))
            .Where(device => context.Capabilities?.HardwareOffload.GetValueOrDefault(device, true) == false).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return refused.Count > 0
            ? $"hardware offload refused for {string.Join(", ", refused)}: the software fast path carries it"
            : "hardware offload refused by the driver for this connection: the software fast path carries it";
    }
}

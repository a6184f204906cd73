using System.Net;
using RouterOS.Engine.Kernel.Ports;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Flows;

/// <summary>
/// Deletes the connections through a PPPoE session that ended: those labelled with its bit by the
/// forward chain (RulesetGenerator.SessionLabel) and the router's own from the session's address.
/// Their flowtable entries still encapsulate for the dead session (the flowtable hooks the
/// Ethernet device under it, so the ppp device's removal does not tear them down, and without
/// masquerade the kernel deletes nothing): deleting the conntrack entry takes the flowtable entry
/// along (its garbage collector tears down flows whose conntrack entry is dying), so the next
/// packet is routed afresh through the new session instead of into the dead one. Also deletes
/// the connections a changed zone firewall no longer forwards (<see cref="DeleteNoLongerForwarded"/>).
/// </summary>
public static class ConntrackFlush
{
    /// <returns>How many connections were deleted.</returns>
    public static int DeleteSession(IConntrack conntrack, IPAddress address, int label)
    {
        ArgumentNullException.ThrowIfNull(conntrack);
        var target = FlowAddress.From(address);
        return conntrack.Delete((entry, message) => ConntrackEntry.HasLabel(message, label) || Involves(entry.Original, target) || Involves(entry.Reply, target),
            "delete a connection of the ended session");
    }

    /// <summary>
    /// After an apply that changed the zone firewall: deletes the forwarded connections the new
    /// <paramref name="policy"/> would not let begin (an interface taken out of its zone, a
    /// forwarding removed). The forward chain accepts an established connection between zones,
    /// and the offload policy puts it back on the fast path, whatever the forwardings now say;
    /// deleted, its next packet is a new connection the chain judges (and a flowtable entry goes
    /// with it). A connection is judged by the way it went (<paramref name="before"/> the apply)
    /// and the way it would go now (<paramref name="after"/>); one whose devices neither tells is left.
    /// </summary>
    /// <returns>How many connections were deleted.</returns>
    public static int DeleteNoLongerForwarded(IConntrack conntrack, ForwardingPolicy policy, FlowRoutes before, FlowRoutes after)
    {
        ArgumentNullException.ThrowIfNull(conntrack);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return conntrack.Delete((entry, _) => Refused(policy, entry, before.PathOf(entry)) || Refused(policy, entry, after.PathOf(entry)),
            "delete a connection (no longer allowed by the zone firewall)");
    }

    /// <summary>A port-forwarded connection is judged by the forward (its reply comes from the inside host), the rest by the zones.</summary>
    private static bool Refused(ForwardingPolicy policy, in ConntrackEntry entry, FlowPath path) =>
        path is { Forwarded: true, In: { } input, Out: { } output }
        && !policy.Allows(input, output)
        && !(entry.DestinationTranslated && policy.AllowsTranslated(input, entry.Reply.Source));

    private static bool Involves(ConntrackTuple tuple, FlowAddress address) => tuple.Source == address || tuple.Destination == address;
}

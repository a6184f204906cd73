using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Flows.Stale;

/// <summary>
/// A change under some flows' fast-path entries that they would not survive: a flowtable entry
/// keeps the devices and (for bridges, VLANs and PPPoE) the MAC addresses it was made with, so
/// the connections it names are deleted and their next packet is routed afresh.
/// </summary>
/// <param name="Why">What happened, in plain words, for the log.</param>
/// <param name="Device">The device the flows go through (a bridge for a port's or a MAC's change).</param>
/// <param name="Neighbours">Only flows whose next hop on <paramref name="Device"/> is one of these; empty: every flow through it.</param>
/// <param name="Address">Also every flow with this address at either end (an address the router no longer has).</param>
public sealed record StaleCause(string Why, string Device, IReadOnlyCollection<FlowAddress> Neighbours, FlowAddress? Address = null)
{
    public bool Covers(in ConntrackEntry entry, FlowPath path)
    {
        if (Address is { } address && (entry.Original.Source == address || entry.Original.Destination == address
            || entry.Reply.Source == address || entry.Reply.Destination == address))
            return true;
        if (Neighbours.Count == 0)
            return path.Through(Device);
        return (path.In == Device && path.InNextHop is { } inbound && Neighbours.Contains(inbound))
            || (path.Out == Device && path.OutNextHop is { } outbound && Neighbours.Contains(outbound));
    }
}

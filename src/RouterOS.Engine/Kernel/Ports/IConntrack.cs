using RouterOS.Netlink.Netfilter;
using RouterOS.Netlink.Wire;

namespace RouterOS.Engine.Kernel.Ports;

/// <summary>Picks the connections to delete, from each entry of a ctnetlink dump and its raw message (for labels).</summary>
public delegate bool DoomedConnection(ConntrackEntry entry, NetlinkMessage message);

/// <summary>What the engine asks of ctnetlink when its own changes end connections. The real one is <see cref="NetlinkConntrack"/>.</summary>
public interface IConntrack
{
    /// <summary>Deletes every connection <paramref name="doomed"/> picks.</summary>
    /// <param name="why">For the error message, e.g. "delete a connection of the ended session".</param>
    /// <returns>How many were deleted (one that ended meanwhile is not counted).</returns>
    int Delete(DoomedConnection doomed, string why);
}

using System.Net;
using RouterOS.Engine.Kernel;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;
using RouterOS.Netlink.Wire;

namespace RouterOS.Engine.Flows;

/// <summary>
/// Deletes the connections that used an address that is gone (a PPPoE session's, after it ended).
/// Their masquerade and their flowtable entries point at a device and address that no longer
/// exist: deleting the conntrack entry takes the flowtable entry along (the flowtable's garbage
/// collector tears down flows whose conntrack entry is dying), so the next packet opens a new
/// connection through the new session instead of waiting for a timeout.
/// </summary>
public static class ConntrackFlush
{
    /// <summary>Run on the namespace's thread.</summary>
    /// <returns>How many connections were deleted.</returns>
    public static int DeleteInvolving(IPAddress address)
    {
        var target = FlowAddress.From(address);
        using var socket = new NetlinkSocket(NetlinkProtocol.Netfilter);
        var writer = new NetlinkWriter();
        var doomed = new List<ConntrackEntry>();
        ConntrackRequests.Dump(writer, socket.NextSequence());
        socket.Dump(writer, "list connections", message =>
        {
            if (ConntrackEntry.KindOf(message) == ConntrackMessageKind.Other)
                return;
            var entry = ConntrackEntry.Parse(message);
            if (Involves(entry.Original, target) || Involves(entry.Reply, target))
                doomed.Add(entry);
        });
        var deleted = 0;
        foreach (var entry in doomed)
        {
            writer.Reset();
            ConntrackRequests.Delete(writer, socket.NextSequence(), entry.Original, entry.Id);
            try
            {
                socket.Execute(writer, "delete a connection of the ended session");
                deleted++;
            }
            catch (KernelException exception) when (exception.Errno == KernelException.ENOENT)
            {
                // It ended by itself meanwhile.
            }
        }
        return deleted;
    }

    private static bool Involves(ConntrackTuple tuple, FlowAddress address) => tuple.Source == address || tuple.Destination == address;
}

using RouterOS.Engine.Kernel.Ports;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;
using RouterOS.Netlink.Wire;

namespace RouterOS.Engine.Kernel;

/// <summary>
/// Connections deleted over ctnetlink: one dump, then a delete per chosen entry (by its original
/// tuple and id, so a connection that ended and came back with the same tuple is left). Use on the
/// router namespace's thread: the socket opens in the namespace of the thread that creates it.
/// </summary>
public sealed class NetlinkConntrack : IConntrack
{
    /// <summary>A socket per call: the engine's own deletions are rare, and a socket kept open would buffer nothing useful.</summary>
    public int Delete(DoomedConnection doomed, string why)
    {
        using var socket = new NetlinkSocket(NetlinkProtocol.Netfilter);
        return Delete(socket, doomed, why);
    }

    /// <summary>On a ctnetlink socket the caller owns (a watcher that keeps one open).</summary>
    public static int Delete(NetlinkSocket socket, DoomedConnection doomed, string why)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(doomed);
        var writer = new NetlinkWriter();
        var chosen = new List<ConntrackEntry>();
        ConntrackRequests.Dump(writer, socket.NextSequence());
        socket.Dump(writer, "list connections", message =>
        {
            if (ConntrackEntry.KindOf(message) == ConntrackMessageKind.Other)
            {
                return;
            }
            var entry = ConntrackEntry.Parse(message);
            if (doomed(entry, message))
            {
                chosen.Add(entry);
            }
        });
        var deleted = 0;
        foreach (var entry in chosen)
        {
            writer.Reset();
            ConntrackRequests.Delete(writer, socket.NextSequence(), entry.Original, entry.Id);
            try
            {
                socket.Execute(writer, why);
                deleted++;
            }
            catch (KernelException exception) when (exception.Errno == KernelException.ENOENT)
            {
                // It ended by itself meanwhile.
            }
        }
        return deleted;
    }
}

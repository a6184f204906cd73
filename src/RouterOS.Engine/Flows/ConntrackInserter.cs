using RouterOS.Engine.Kernel;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;
using RouterOS.Netlink.Wire;

namespace RouterOS.Engine.Flows;

/// <summary>
/// Fills a namespace's conntrack table fast (many create requests per send), for tests and
/// benchmarks that need 100k entries: `conntrack -I` starts a process per entry.
/// </summary>
public static class ConntrackInserter
{
    /// <summary>UDP entries 10.x.y.z:port -> 192.0.2.1:53, ids assigned by the kernel.</summary>
    /// <param name="namespaceName">The namespace (under /run/netns) to fill.</param>
    public static void InsertUdp(string namespaceName, int count, uint timeoutSeconds = 600)
    {
        using var thread = new NamespaceThread(namespaceName);
        thread.Run(() =>
        {
            using var socket = new NetlinkSocket(NetlinkProtocol.Netfilter);
            var writer = new NetlinkWriter();
            var server = FlowAddress.Parse("192.0.2.1");
            const int perSend = 400;
            // SEEN_REPLY | CONFIRMED, as an answered UDP exchange.
            const uint status = (1 << 1) | (1 << 3);
            for (var first = 0; first < count; first += perSend)
            {
                writer.Reset();
                for (var i = first; i < Math.Min(count, first + perSend); i++)
                {
                    var client = FlowAddress.FromBytes([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]);
                    var port = (ushort)(1024 + (i % 60000));
                    var original = new ConntrackTuple(client, server, Ctnetlink.ProtocolUdp, port, 53);
                    var reply = new ConntrackTuple(server, client, Ctnetlink.ProtocolUdp, 53, port);
                    ConntrackRequests.Create(writer, socket.NextSequence(), original, reply, status, timeoutSeconds, 0, 0);
                }
                socket.Execute(writer, "insert conntrack entries");
            }
            return true;
        });
    }
}

using RouterOS.Engine.Kernel;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;
using RouterOS.Netlink.Wire;

namespace RouterOS.Engine.Flows;

/// <summary>
/// Fills a namespace's conntrack table fast (many create requests per send), for tests and
/// benchmarks that need 100k entries or a steady rate of new ones: `conntrack -I` starts a
/// process per entry. Entry <c>i</c> is UDP <see cref="ClientOf"/>(i):port -> 192.0.2.1:53.
/// </summary>
public sealed class ConntrackInserter : IDisposable
{
    private const int PerSend = 400;

    // SEEN_REPLY | CONFIRMED, as an answered UDP exchange.
    private const uint AnsweredStatus = (1 << 1) | (1 << 3);

    private static readonly FlowAddress Server = FlowAddress.Parse("192.0.2.1");

    private readonly NamespaceThread _thread;
    private readonly NetlinkWriter _writer = new();
    private NetlinkSocket? _socket;

    /// <param name="namespaceName">The namespace (under /run/netns) to fill.</param>
    public ConntrackInserter(string namespaceName)
    {
        _thread = new NamespaceThread(namespaceName);
        _thread.Run(() => _socket = new NetlinkSocket(NetlinkProtocol.Netfilter));
    }

    /// <summary>The client address of entry <paramref name="index"/> (10.x.y.z, unique below 2^24).</summary>
    public static FlowAddress ClientOf(int index) => FlowAddress.FromBytes([10, (byte)(index >> 16), (byte)(index >> 8), (byte)index]);

    /// <summary>The index of an entry from its client address (the inverse of <see cref="ClientOf"/>).</summary>
    public static int IndexOf(FlowAddress client) => (int)(uint)(client.Bits & 0xffffff);

    public static void InsertUdp(string namespaceName, int count, uint timeoutSeconds = 600)
    {
        using var inserter = new ConntrackInserter(namespaceName);
        inserter.InsertUdp(0, count, timeoutSeconds);
    }

    /// <summary>Entries <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1.</summary>
    public void InsertUdp(int first, int count, uint timeoutSeconds = 600) => _thread.Run(() =>
    {
        var socket = _socket!;
        for (var start = first; start < first + count; start += PerSend)
        {
            _writer.Reset();
            for (var i = start; i < Math.Min(first + count, start + PerSend); i++)
            {
                var client = ClientOf(i);
                var port = (ushort)(1024 + (i % 60000));
                var original = new ConntrackTuple(client, Server, Ctnetlink.ProtocolUdp, port, 53);
                var reply = new ConntrackTuple(Server, client, Ctnetlink.ProtocolUdp, 53, port);
                ConntrackRequests.Create(_writer, socket.NextSequence(), original, reply, AnsweredStatus, timeoutSeconds, 0, 0);
            }
            socket.Execute(_writer, "insert conntrack entries");
        }
        return true;
    });

    public void Dispose()
    {
        _thread.Run(() =>
        {
            _socket?.Dispose();
            return true;
        });
        _thread.Dispose();
    }
}

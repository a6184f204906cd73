using RouterOS.Testing;

namespace RouterOS.Engine.Tests.Support;

/// <summary>
/// A router namespace between a client and a server namespace: client 10.1.0.2 -> lan0 10.1.0.1
/// (router) wan0 10.2.0.1 -> server 10.2.0.2. The router forwards, marks forwarded flows with
/// ct mark 7 and so tracks them; the server drops UDP to port 9000 silently (no ICMP replies),
/// and serves HTTP on port 8080 for TCP flows.
/// </summary>
internal sealed class FlowTestbed : IDisposable
{
    public FlowTestbed()
    {
        Router = new TestNamespace();
        Client = new TestNamespace();
        Server = new TestNamespace();
        Shell.Run("ip", "link", "add", "lan0", "netns", Router.Name, "type", "veth", "peer", "name", "c0", "netns", Client.Name);
        Shell.Run("ip", "link", "add", "wan0", "netns", Router.Name, "type", "veth", "peer", "name", "s0", "netns", Server.Name);
        Batch(Router, "link set lo up", "link set lan0 up", "link set wan0 up", "address add 10.1.0.1/24 dev lan0", "address add 10.2.0.1/24 dev wan0");
        Batch(Client, "link set lo up", "link set c0 up", "address add 10.1.0.2/24 dev c0", "route add default via 10.1.0.1");
        Batch(Server, "link set lo up", "link set s0 up", "address add 10.2.0.2/24 dev s0", "route add default via 10.2.0.1");
        Router.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1");
        Router.Exec("nft", "add table inet testbed { chain forward { type filter hook forward priority filter; ct state new ct mark set 7; }; }");
        Server.Exec("nft", "add table inet testbed { chain input { type filter hook input priority filter; udp dport 9000 drop; }; }");
    }

    public TestNamespace Router { get; }
    public TestNamespace Client { get; }
    public TestNamespace Server { get; }

    /// <summary>Sends <paramref name="count"/> UDP datagrams of <paramref name="payload"/> bytes from one client port to the server.</summary>
    public void SendUdp(int sourcePort, int count, int payload) =>
        Client.Exec("python3", "-c",
            $"import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('10.1.0.2', {sourcePort}));\n" +
            $"for _ in range({count}): s.sendto(b'x'*{payload}, ('10.2.0.2', 9000))");

    public void Dispose()
    {
        Router.Dispose();
        Client.Dispose();
        Server.Dispose();
    }

    private static void Batch(TestNamespace target, params string[] commands) =>
        Shell.RunWithInput(["ip", "-n", target.Name, "-batch", "-"], string.Join('\n', commands) + "\n");
}

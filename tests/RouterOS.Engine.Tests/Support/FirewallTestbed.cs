using System.Diagnostics;

namespace RouterOS.Engine.Tests.Support;

/// <summary>
/// A router with a LAN bridge and an ISP, each host in its own namespace: the server 192.168.1.10
/// behind lan0 and the client 192.168.1.20 behind lan1 (both ports of br-lan, router 192.168.1.1),
/// and the ISP behind wan0 with 203.0.113.1 and 203.0.113.50 (router 203.0.113.2), which routes
/// the router's extra public address 203.0.113.9 to it (as an ISP routes a static block).
/// The server answers TCP on port 80 and the ISP on port 7000 with the address each connection
/// came from; the ISP answers UDP on port 9999 with the TOS byte the datagram arrived with.
/// </summary>
internal sealed class FirewallTestbed : IDisposable
{
    public const string ServerAddress = "192.168.1.10";
    public const string ClientAddress = "192.168.1.20";
    public const string IspAddress = "203.0.113.1";
    public const string IspOtherAddress = "203.0.113.50";
    public const string RouterOutside = "203.0.113.2";

    private readonly List<Process> _processes = [];

    public FirewallTestbed()
    {
        try
        {
            Harness.HandPeerTo("lan0", Server);
            Harness.HandPeerTo("lan1", Client);
            Harness.HandPeerTo("wan0", Isp);
            Host(Server, "lan0p", $"{ServerAddress}/24", "192.168.1.1");
            Host(Client, "lan1p", $"{ClientAddress}/24", "192.168.1.1");
            Host(Isp, "wan0p", $"{IspAddress}/24", gateway: null);
            Isp.Exec("ip", "address", "add", $"{IspOtherAddress}/24", "dev", "wan0p");
            Isp.Exec("ip", "route", "add", "203.0.113.9/32", "via", RouterOutside);
            Serve(Server, PeerAddressServer(80));
            Serve(Isp, PeerAddressServer(7000));
            Serve(Isp, TosServer(9999));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public EngineHarness Harness { get; } = new();
    public TestNamespace Server { get; } = new();
    public TestNamespace Client { get; } = new();
    public TestNamespace Isp { get; } = new();

    /// <summary>Waits until the three servers listen.</summary>
    public async Task ServingAsync()
    {
        await Poll.UntilAsync(() => Server.Exec("ss", "-ltn").Contains(":80 ", StringComparison.Ordinal), "the server's port 80");
        await Poll.UntilAsync(() => Isp.Exec("ss", "-ltn").Contains(":7000 ", StringComparison.Ordinal), "the ISP's port 7000");
        await Poll.UntilAsync(() => Isp.Exec("ss", "-lun").Contains(":9999 ", StringComparison.Ordinal), "the ISP's UDP port 9999");
    }

    /// <summary>
    /// A TCP connection from <paramref name="from"/> (bound to <paramref name="source"/> when
    /// given): the address the far end saw it come from, or null when it did not connect within
    /// <paramref name="seconds"/>. A connection expected to pass gets a long wait, so a busy machine
    /// cannot fail it; one expected to be refused (dropped, so only a timeout says so) a short one.
    /// </summary>
    public static string? SeenFrom(TestNamespace from, string address, int port, string? source = null, int seconds = 15)
    {
        var bind = source is null ? "None" : $"('{source}', 0)";
        var (exitCode, output, _) = RouterOS.Testing.Shell.Execute(["ip", "netns", "exec", from.Name, "python3", "-c",
            $"import socket; c = socket.create_connection(('{address}', {port}), {seconds}, {bind}); c.settimeout({seconds}); print(c.recv(100).decode())"], null);
        return exitCode == 0 ? output.Trim() : null;
    }

    /// <summary>Sends <paramref name="count"/> UDP datagrams from one socket to the ISP's port 9999: the TOS byte each arrived with.</summary>
    public static IReadOnlyList<int> TosSeen(TestNamespace from, int count)
    {
        var output = from.Exec("python3", "-c",
            "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(15)\n" +
            $"for _ in range({count}):\n  s.sendto(b'x', ('{IspAddress}', 9999)); print(s.recv(16).decode())");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => int.Parse(line.Trim(), System.Globalization.CultureInfo.InvariantCulture))];
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited already.
            }
            process.Dispose();
        }
        Isp.Dispose();
        Client.Dispose();
        Server.Dispose();
        Harness.Dispose();
    }

    private void Serve(TestNamespace where, string script) =>
        _processes.Add(Process.Start(new ProcessStartInfo("ip", ["netns", "exec", where.Name, "python3", "-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!);

    private static void Host(TestNamespace host, string device, string address, string? gateway)
    {
        host.Exec("ip", "link", "set", "lo", "up");
        host.Exec("ip", "address", "add", address, "dev", device);
        if (gateway is not null)
            host.Exec("ip", "route", "add", "default", "via", gateway);
    }

    private static string PeerAddressServer(int port) =>
        "import socket\ns = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n" +
        $"s.bind(('0.0.0.0', {port})); s.listen(16)\n" +
        "while True:\n  c, a = s.accept(); c.sendall(a[0].encode()); c.close()";

    private static string TosServer(int port) =>
        "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.setsockopt(socket.IPPROTO_IP, socket.IP_RECVTOS, 1)\n" +
        $"s.bind(('0.0.0.0', {port}))\n" +
        "while True:\n  d, anc, f, a = s.recvmsg(100, 64)\n  tos = [c[2][0] for c in anc if c[0] == socket.IPPROTO_IP and c[1] == socket.IP_TOS]\n  s.sendto(str(tos[0] if tos else -1).encode(), a)";
}

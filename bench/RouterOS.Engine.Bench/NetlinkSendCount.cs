using RouterOS.Testing;

namespace RouterOS.Engine.Bench;

/// <summary>
/// Counts the send system calls to netlink sockets a command makes, with strace, the same way
/// for the engine and for the tools. A send can carry several netlink messages (nft sends its
/// whole batch in one), so this counts round trips to the kernel, not messages.
/// </summary>
internal static class NetlinkSendCount
{
    /// <summary>What the engine's child process prints between its first apply and its re-apply.</summary>
    public const string Marker = "routeros-bench: re-apply starts";

    /// <returns>Netlink sends before and after <see cref="Marker"/> (all of them are "before" when no marker is printed).</returns>
    public static (int Before, int After) Of(string[] command)
    {
        var log = Path.GetTempFileName();
        try
        {
            // -yy names each descriptor's socket type; write is traced only to see the marker.
            _ = Shell.Run(["strace", "-f", "-qq", "-yy", "-e", "trace=sendmsg,sendto,write", "-s", "64", "-o", log, .. command]);
            var (before, after, marked) = (0, 0, false);
            foreach (var line in File.ReadLines(log))
            {
                if (line.Contains(Marker, StringComparison.Ordinal))
                {
                    marked = true;
                }
                else if (line.Contains("<NETLINK:", StringComparison.Ordinal) && (line.Contains("sendmsg(", StringComparison.Ordinal) || line.Contains("sendto(", StringComparison.Ordinal)))
                {
                    _ = marked ? after++ : before++;
                }
            }
            return (before, after);
        }
        finally
        {
            File.Delete(log);
        }
    }
}

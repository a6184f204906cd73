using System.Globalization;

namespace RouterOS.KernelScenarios;

/// <summary>
/// The ISP side of the PPPoE scenarios: rp-pppoe's pppoe-server on the upstream's eth0 (the
/// router's wan0), handing out 10.64.0.10 from 10.64.0.1 with DNS 10.64.0.53. Its secrets and
/// options live in /etc/netns/vs/ppp, which `ip netns exec vs` mounts over /etc/ppp.
/// </summary>
internal static class Isp
{
    public const string Local = "10.64.0.1";
    public const string Pool = "10.64.0.10";
    public const string Dns = "10.64.0.53";
    public const string Username = "alice";

    /// <summary>Spaces, both quotes and shell characters: it must reach pppd intact, and never show.</summary>
    public const string Password = "s3cr et'\"$(id);`x`|&";

    private static readonly string Directory = $"/etc/netns/{Lab.Server}/ppp";

    /// <summary>Writes the secrets (PAP or CHAP) and options and starts the server; stops one already running.</summary>
    public static void Start(bool chap = false)
    {
        Stop();
        Shell.Run("modprobe", "-a", "ppp_generic", "pppoe", "ppp_async");
        System.IO.Directory.CreateDirectory(Directory);
        // pppd's secrets syntax: a double-quoted word with \" and \\ escaped.
        var quoted = Password.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(Directory, chap ? "chap-secrets" : "pap-secrets"), $"\"{Username}\" * \"{quoted}\" *\n");
        File.WriteAllText(Path.Combine(Directory, chap ? "pap-secrets" : "chap-secrets"), "");
        File.WriteAllText(Path.Combine(Directory, "server-options"), $"""
            {(chap ? "require-chap" : "require-pap")}
            lcp-echo-interval 2
            lcp-echo-failure 3
            ms-dns {Dns}
            noipdefault
            noipv6

            """);
        // pppoe-server goes to the background: nothing of it may hold the output we read.
        Shell.Run("sh", "-c", $"ip netns exec {Lab.Server} pppoe-server -I eth0 -L {Local} -R {Pool} -N 4 -O /etc/ppp/server-options </dev/null >/dev/null 2>&1");
    }

    /// <summary>Kills the server and its sessions at once (SIGKILL: no PADT, as when the ISP's box dies).</summary>
    public static void Stop()
    {
        foreach (var pid in Shell.Run("ip", "netns", "pids", Lab.Server).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var command = File.Exists($"/proc/{pid}/comm") ? File.ReadAllText($"/proc/{pid}/comm").Trim() : "";
            if (command is "pppoe-server" or "pppoe" or "pppd")
            {
                Shell.Execute("kill", "-9", pid.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>SYNs the upstream received on port <paramref name="port"/> announcing MSS <paramref name="mss"/> (counted in its prerouting).</summary>
    public static void CountSyns(int port, int mss)
    {
        Shell.Execute("ip", "netns", "exec", Lab.Server, "nft", "delete", "table", "inet", "probe");
        Lab.In(Lab.Server, "nft", $$"""
            table inet probe {
              chain pre {
                type filter hook prerouting priority -300; policy accept;
                tcp dport {{port}} tcp flags syn tcp option maxseg size {{mss}} counter comment "clamped"
                tcp dport {{port}} tcp flags syn counter comment "all"
              }
            }
            """);
    }

    public static (long Clamped, long All) SynCounts()
    {
        var chain = Lab.In(Lab.Server, "nft", "list", "chain", "inet", "probe", "pre");
        long Count(string comment) => chain.Split('\n').Where(line => line.Contains($"comment \"{comment}\"", StringComparison.Ordinal))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"counter packets (\d+)")).Where(match => match.Success)
            .Select(match => long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).FirstOrDefault();
        return (Count("clamped"), Count("all"));
    }
}

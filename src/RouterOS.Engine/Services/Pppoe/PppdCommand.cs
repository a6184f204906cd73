using RouterOS.Domain.Model;

namespace RouterOS.Engine.Services.Pppoe;

/// <summary>
/// How the engine runs pppd for one PPPoE uplink (shared/reference/kernel-interfaces.md section 5).
/// pppd runs in the foreground, once per session: when it exits the engine decides whether and
/// when to dial again, so every attempt's exit code is seen and said in plain words.
/// </summary>
public static class PppdCommand
{
    /// <summary>
    /// pppd's options. The password is not among them: pppd reads it from its standard input
    /// (passwordfd 0), so it is never on a command line (ps) or in a file.
    /// </summary>
    /// <param name="tag">pppd's ipparam: the uplink's private directory, which tells this engine's pppd from any other.</param>
    public static IReadOnlyList<string> Options(PppoeUplink uplink, string tag)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        var name = uplink.Name.ToString();
        var options = new List<string> { "nodetach", "plugin", "pppoe.so" };
        if (uplink.ServiceName is { } service)
            options.AddRange(["pppoe-service", service.Value]);
        if (uplink.AccessConcentrator is { } concentrator)
            options.AddRange(["pppoe-ac", concentrator.Value]);
        options.AddRange([
            // nic-: the parent is the Ethernet device even if its name looks like a pppd option.
            $"nic-{uplink.Parent}",
            "user", uplink.Username.Value,
            "plugin", "passwordfd.so", "passwordfd", "0",
            "ifname", name, "linkname", name, "ipparam", tag,
            // The engine installs the default route (with its metric) and takes the DNS servers;
            // usepeerdns only makes pppd ask for them (it writes them to our private /etc/ppp).
            "noipdefault", "nodefaultroute", "usepeerdns",
            "mtu", Invariant(uplink.EffectiveMtu.Value), "mru", Invariant(uplink.EffectiveMru.Value),
            "lcp-echo-interval", Invariant(uplink.LcpEchoIntervalSeconds),
            "lcp-echo-failure", Invariant(uplink.LcpEchoFailure),
            // The ISP authenticates us, not we it; never log the password in a packet dump.
            "noauth", "hide-password",
            uplink.Ipv6 ? "+ipv6" : "noipv6",
            "logfd", "2",
        ]);
        return options;
    }

    /// <summary>
    /// The process to supervise. pppd runs in a mount namespace of its own with
    /// <paramref name="etcDirectory"/> over /etc/ppp: it reads no system-wide options or
    /// scripts (Debian's /etc/ppp/options says `auth`, its ip-up rewrites resolv.conf), and the
    /// files it writes (resolv.conf with the peer's DNS servers) stay in the engine's directory.
    /// Every program on the way (unshare, sh, mount, pppd) is named by its absolute path.
    /// </summary>
    /// <exception cref="MissingProgramException">One of them is not installed.</exception>
    public static ProcessSpec Spec(PppoeUplink uplink, string etcDirectory, HelperPrograms programs)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        ArgumentNullException.ThrowIfNull(programs);
        // The directory is $0, mount and pppd $1 and $2, pppd's options the rest: nothing is interpolated into the script.
        var arguments = new List<string>
        {
            "--mount", "--propagation", "private", "--", programs.Resolve("sh"), "-c", Script,
            etcDirectory, programs.Resolve("mount"), programs.Resolve("pppd"),
        };
        arguments.AddRange(Options(uplink, etcDirectory));
        return new ProcessSpec(ProcessName(uplink), programs.Resolve("unshare"), arguments,
            TimeSpan.FromSeconds(uplink.RetryHoldoffSeconds), StopGrace, new HiddenInput(uplink.Password.Reveal()));
    }

    /// <summary>For logs and states.</summary>
    public static string ProcessName(PppoeUplink uplink)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        return $"pppd for {uplink.Name}";
    }

    /// <summary>Bind-mounts $0 over /etc/ppp with the mount at $1, then becomes the pppd at $2 with the remaining arguments.</summary>
    private const string Script = "mount=$1 pppd=$2; shift 2; \"$mount\" --bind \"$0\" /etc/ppp && exec \"$pppd\" \"$@\"";

    /// <summary>After SIGTERM pppd sends PADT and LCP terminate; it waits up to 3 s for the peer's ack.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(8);

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

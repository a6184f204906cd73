namespace RouterOS.KernelScenarios;

/// <summary>
/// The guest's lab, made once per boot: a router namespace whose ports are veth pairs to a LAN
/// client, an upstream server, two access hosts and a trunk host. The engine manages the router
/// namespace; scenarios set the far ends' addresses as they need.
/// </summary>
/// <remarks>
/// vc (client) eth0 -- lan0  [vr router]  wan0 -- eth0 vs (server, 203.0.113.1/24)
/// vh1 eth0 -- lan1, vh2 eth0 -- lan2, vt eth0 -- trunk0 (access and trunk ports for bridge VLANs)
/// </remarks>
internal static class Lab
{
    public const string Router = "vr";
    public const string Client = "vc";
    public const string Server = "vs";
    public const string Host1 = "vh1";
    public const string Host2 = "vh2";
    public const string Trunk = "vt";
    public const string ServerAddress = "203.0.113.1";

    private static readonly (string Namespace, string RouterPort)[] FarEnds =
        [(Client, "lan0"), (Server, "wan0"), (Host1, "lan1"), (Host2, "lan2"), (Trunk, "trunk0")];

    public static void Build()
    {
        foreach (var name in new[] { Router, Client, Server, Host1, Host2, Trunk })
        {
            Shell.Run("ip", "netns", "add", name);
            In(name, "ip", "link", "set", "lo", "up");
        }
        foreach (var (far, port) in FarEnds)
        {
            Shell.Run("ip", "link", "add", port, "netns", Router, "type", "veth", "peer", "name", "eth0", "netns", far);
            In(far, "ip", "link", "set", "eth0", "up");
        }
        In(Server, "ip", "address", "add", $"{ServerAddress}/24", "dev", "eth0");
        In(Server, "ip", "route", "add", "default", "via", "203.0.113.2");
    }

    public static string In(string ns, params string[] command) => Shell.Run(["ip", "netns", "exec", ns, .. command]);

    public static bool TryIn(string ns, params string[] command) => Shell.Execute(["ip", "netns", "exec", ns, .. command]).ExitCode == 0;

    /// <summary>A far end's addressing for one scenario: everything on its eth0 (and VLAN devices on it) is replaced.</summary>
    public static void Address(string ns, string device, string cidr, string? gateway)
    {
        Shell.Execute("ip", "netns", "exec", ns, "ip", "address", "flush", "dev", device);
        In(ns, "ip", "link", "set", device, "up");
        In(ns, "ip", "address", "add", cidr, "dev", device);
        if (gateway is not null)
        {
            In(ns, "ip", "route", "replace", "default", "via", gateway);
        }
    }

    /// <summary>The LAN client on the plain LAN: 192.168.1.2 on eth0 (no VLAN devices), the router 192.168.1.1 its gateway.</summary>
    public static void UseLanClient()
    {
        RemoveVlans(Client);
        Address(Client, "eth0", "192.168.1.2/24", "192.168.1.1");
    }

    /// <summary>A VLAN device on a far end (802.1Q unless said otherwise), replacing one of the same name.</summary>
    public static void Vlan(string ns, string parent, string name, int id, string protocol = "802.1Q")
    {
        Shell.Execute("ip", "netns", "exec", ns, "ip", "link", "del", name);
        In(ns, "ip", "link", "add", "link", parent, "name", name, "type", "vlan", "protocol", protocol, "id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        In(ns, "ip", "link", "set", name, "up");
    }

    public static void RemoveVlans(string ns)
    {
        foreach (var line in In(ns, "ip", "-o", "link", "show", "type", "vlan").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(':')[1].Trim().Split('@')[0];
            Shell.Execute("ip", "netns", "exec", ns, "ip", "link", "del", name);
        }
    }

    /// <summary>One ping (busybox's: the tier installs busybox-static for the VM, and iputils may be absent).</summary>
    public static bool Ping(string from, string to) => TryIn(from, "busybox", "ping", "-c", "1", "-W", "2", to);

    /// <summary>What a failure report shows of the router: its table, its connections, its links.</summary>
    public static string Diagnostics() => string.Join('\n',
        "--- nft list ruleset (router):", Shell.Execute("ip", "netns", "exec", Router, "nft", "list", "ruleset").Output,
        "--- conntrack -L (router):", Shell.Execute("ip", "netns", "exec", Router, "conntrack", "-L").Output,
        "--- ip -d link (router):", Shell.Execute("ip", "netns", "exec", Router, "ip", "-d", "link").Output,
        "--- ip address (router):", Shell.Execute("ip", "netns", "exec", Router, "ip", "-br", "address").Output);
}

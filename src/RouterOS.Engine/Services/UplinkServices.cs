using RouterOS.Domain.Model;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Services.Pppoe;

namespace RouterOS.Engine.Services;

/// <summary>
/// The uplinks' supervised clients: a DHCP client per configured client and a PPPoE session per
/// enabled PPPoE uplink. Each is started, restarted when a setting it was started with changes
/// (a PPPoE session only for a session-critical one), and stopped when removed (a lease is
/// released, a session ended with PADT; what they brought is removed).
/// </summary>
public sealed partial class UplinkServices : IAsyncDisposable
{
    /// <summary>udhcpc runs this hook on every event; it only reports (the engine applies the lease).</summary>
    private const string Hook = """
        #!/bin/sh
        # Written by the RouterOS engine: report the DHCP event on one line; configure nothing.
        echo "routeros-dhcp|$1|$ip|$mask|$router|$dns|$lease|$serverid"
        exit 0
        """;

    private readonly string? _namespaceName;
    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly UplinkDhcpClient.LeaseApplier _apply;
    private readonly PppoeSession.SessionApplier _applySession;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, UplinkDhcpClient> _clients = [];
    private readonly Dictionary<string, PppoeSession> _sessions = [];
    private readonly Dictionary<string, Ipv6.UplinkDhcpv6Client> _clients6 = [];
    private readonly Ipv6.UplinkDhcpv6Client.LeaseApplier _apply6;

    public UplinkServices(string? namespaceName, string directory, TimeProvider time, ILogger logger,
        UplinkDhcpClient.LeaseApplier apply, PppoeSession.SessionApplier applySession, Ipv6.UplinkDhcpv6Client.LeaseApplier apply6)
    {
        _apply6 = apply6;
        _namespaceName = namespaceName;
        _directory = directory;
        _time = time;
        _logger = logger;
        _apply = apply;
        _applySession = applySession;
    }

    /// <summary>Raised whenever an uplink's state, addresses or failure changes (for live status streams).</summary>
    public event Action? Changed;

    public IReadOnlyList<PppoeSession> Sessions
    {
        get
        {
            lock (_sessions)
                return [.. _sessions.Values];
        }
    }

    public PppoeSession? FindSession(string name)
    {
        lock (_sessions)
            return _sessions.GetValueOrDefault(name);
    }

    /// <summary>
    /// The settings pppd was started with: a change to any of them needs a new session. The
    /// others (default route and metric, DNS use, MSS clamping, hold-off, description) are taken live.
    /// </summary>
    public static PppoeUplink SessionSettings(PppoeUplink uplink)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        return uplink with
        {
            DefaultRoute = true,
            DefaultRouteMetric = 0,
            UsePeerDns = true,
            MssClamping = true,
            RetryHoldoffSeconds = 0,
            Description = null,
        };
    }

    public string HookFile => Path.Combine(_directory, "udhcpc-hook.sh");

    public IReadOnlyList<UplinkDhcpClient> Clients
    {
        get
        {
            lock (_clients)
                return [.. _clients.Values];
        }
    }

    public IReadOnlyList<Ipv6.UplinkDhcpv6Client> Dhcpv6Clients
    {
        get
        {
            lock (_clients6)
                return [.. _clients6.Values];
        }
    }

    public Ipv6.UplinkDhcpv6Client? FindDhcpv6(string uplink)
    {
        lock (_clients6)
            return _clients6.GetValueOrDefault(uplink);
    }

    /// <summary>dhcpcd runs this on every event (dhcpcd-run-hooks(8)'s variables); it only reports.</summary>
    public string Dhcpv6HookFile => Path.Combine(_directory, "dhcpcd-hook.sh");

    /// <summary>What applying <paramref name="config"/> does to each DHCPv6 client: (uplink, change). Any setting of a client needs a new dhcpcd.</summary>
    public IReadOnlyList<(string Uplink, ServiceChange Change)> Dhcpv6ChangesFor(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Diff(config.Ipv6OrDefault.Clients.ToDictionary(client => client.Uplink.Value),
            Dhcpv6Clients.ToDictionary(client => client.Client.Uplink.Value, client => client.Client),
            needsRestart: (running, wanted) => running != wanted);
    }

    public UplinkDhcpClient? Find(string device)
    {
        lock (_clients)
            return _clients.GetValueOrDefault(device);
    }

    /// <summary>What applying <paramref name="config"/> does to each DHCP client: (device, change).</summary>
    public IReadOnlyList<(string Device, ServiceChange Change)> ChangesFor(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Diff(config.DhcpOrDefault.Clients.ToDictionary(client => client.Device.Value),
            Clients.ToDictionary(client => client.Client.Device.Value, client => client.Client),
            needsRestart: (running, wanted) => running != wanted);
    }

    /// <summary>What applying <paramref name="config"/> does to each PPPoE session: (name, change).</summary>
    public IReadOnlyList<(string Name, ServiceChange Change)> SessionChangesFor(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Diff(config.Pppoe.Where(uplink => uplink.Enabled).ToDictionary(uplink => uplink.Name.Value),
            Sessions.ToDictionary(session => session.Uplink.Name.Value, session => session.Uplink),
            needsRestart: (running, wanted) => SessionSettings(running) != SessionSettings(wanted));
    }

    /// <summary>Start what is wanted and not running, stop the reverse; a changed one restarts, or is updated live when a restart is not needed.</summary>
    private static List<(string, ServiceChange)> Diff<T>(Dictionary<string, T> wanted, Dictionary<string, T> running, Func<T, T, bool> needsRestart)
        where T : IEquatable<T>
    {
        var changes = new List<(string, ServiceChange)>();
        foreach (var (key, settings) in wanted)
        {
            if (!running.TryGetValue(key, out var current))
                changes.Add((key, ServiceChange.Start));
            else if (needsRestart(current, settings))
                changes.Add((key, ServiceChange.Restart));
            else if (!current.Equals(settings))
                changes.Add((key, ServiceChange.Update));
        }
        changes.AddRange(running.Keys.Where(key => !wanted.ContainsKey(key)).Select(key => (key, ServiceChange.Stop)));
        return changes;
    }

    public async Task ApplyAsync(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        await _gate.WaitAsync();
        try
        {
            var wanted = config.DhcpOrDefault.Clients.ToDictionary(client => client.Device.Value);
            foreach (var (device, running) in Clients.Select(client => (client.Client.Device.Value, client)).ToList())
            {
                if (wanted.TryGetValue(device, out var client) && client == running.Client)
                    continue;
                await running.DisposeAsync();
                lock (_clients)
                    _clients.Remove(device);
            }
            if (wanted.Count > 0)
            {
                await File.WriteAllTextAsync(HookFile, Hook.ReplaceLineEndings("\n") + "\n");
                File.SetUnixFileMode(HookFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var hostname = config.SystemOrDefault.Hostname?.ToString() ?? "router";
            foreach (var (device, client) in wanted.Where(pair => Find(pair.Key) is null))
            {
                StopLeftoverDhcpClient(device);
                var started = new UplinkDhcpClient(client, _namespaceName, HookFile, client.Hostname?.ToString() ?? hostname, _time, _logger, _apply);
                started.Changed += OnChanged;
                lock (_clients)
                    _clients[device] = started;
                started.Start();
            }
            await ApplySessionsAsync(config);
            await ApplyDhcpv6Async(config);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ApplySessionsAsync(RouterConfig config)
    {
        var changes = SessionChangesFor(config);
        var wanted = config.Pppoe.Where(uplink => uplink.Enabled).ToDictionary(uplink => uplink.Name.Value);
        foreach (var (name, change) in changes)
        {
            if (change is ServiceChange.Stop or ServiceChange.Restart)
            {
                await FindSession(name)!.DisposeAsync();
                lock (_sessions)
                    _sessions.Remove(name);
            }
            if (change is ServiceChange.Update)
                await FindSession(name)!.UpdateAsync(wanted[name]);
            if (change is ServiceChange.Start or ServiceChange.Restart)
            {
                var session = new PppoeSession(wanted[name], _namespaceName, PrepareEtcDirectory(name), _time, _logger, _applySession);
                session.Changed += OnChanged;
                lock (_sessions)
                    _sessions[name] = session;
                session.Start();
            }
        }
    }

    private async Task ApplyDhcpv6Async(RouterConfig config)
    {
        var wanted = config.Ipv6OrDefault.Clients.ToDictionary(client => client.Uplink.Value);
        foreach (var (uplink, change) in Dhcpv6ChangesFor(config))
        {
            if (change is ServiceChange.Stop or ServiceChange.Restart)
            {
                await FindDhcpv6(uplink)!.DisposeAsync();
                lock (_clients6)
                    _clients6.Remove(uplink);
            }
        }
        if (wanted.Count > 0)
        {
            var variables = string.Join('|', Ipv6.Dhcpv6Event.HookVariables.Select(name => $"${{{name}}}"));
            var hook = $$"""
                #!/bin/sh
                # Written by the RouterOS engine: report the DHCPv6 event on one line; configure nothing.
                echo "{{Ipv6.Dhcpv6Event.Marker}}{{variables}}"
                exit 0

                """;
            await File.WriteAllTextAsync(Dhcpv6HookFile, hook);
            File.SetUnixFileMode(Dhcpv6HookFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        foreach (var (uplink, client) in wanted)
        {
            if (FindDhcpv6(uplink) is { } running)
            {
                // Same client: the LANs it numbers may have changed.
                running.Reapply(config);
                continue;
            }
            var directory = Path.Combine(_directory, "dhcpcd", uplink);
            StopLeftoverDhcpv6Client(uplink, directory);
            var started = new Ipv6.UplinkDhcpv6Client(config, client, _namespaceName, directory, Dhcpv6HookFile, _time, _logger, _apply6);
            started.Changed += OnChanged;
            lock (_clients6)
                _clients6[uplink] = started;
            started.Start();
        }
    }

    /// <summary>
    /// A dhcpcd an earlier engine left running (it was killed) would hold the uplink's lease
    /// beside ours: stop it. It is found by the pid file it wrote in this uplink's own run
    /// directory (dhcpcd rewrites its command line, so that cannot find it), and only when that
    /// process is a dhcpcd.
    /// </summary>
    private void StopLeftoverDhcpv6Client(string uplink, string directory)
    {
        // Manager mode's pid file (dhcpcd(8), FILES), which a live dhcpcd holds locked: read without a lock.
        if (Ipv6.PidFile.Read(Path.Combine(directory, "run", "dhcpcd", "pid")) is not { } pid)
            return;
        try
        {
            if (File.ReadAllText($"/proc/{pid}/comm").Trim() != "dhcpcd")
                return;
        }
        catch (IOException)
        {
            // Gone already (or never a process): nothing to stop.
            return;
        }
        LogLeftoverDhcpv6Client(uplink, pid);
        Signals.TerminateAndWait(pid, TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// The uplink's private /etc/ppp (see <see cref="PppdCommand.Spec"/>): empty options, no
    /// secrets (the password comes through a file descriptor), no peer DNS of an earlier session.
    /// </summary>
    private string PrepareEtcDirectory(string name)
    {
        var directory = Path.Combine(_directory, "ppp", name);
        // A pppd an earlier engine left running (it was killed) still holds the session.
        foreach (var pid in Signals.ProcessesWith("ipparam", directory))
        {
            LogLeftover(name, pid);
            Signals.TerminateAndWait(pid, PppdCommand.StopGrace);
        }
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "options"), "# Written by the RouterOS engine: pppd gets every option on its command line.\n");
        return directory;
    }

    /// <summary>
    /// A udhcpc an earlier engine left running (it was killed) would ask for leases beside ours:
    /// stop it. Only a client of this device running this engine's hook is touched.
    /// </summary>
    private void StopLeftoverDhcpClient(string device)
    {
        var ours = Signals.ProcessesWith("-s", HookFile).ToHashSet();
        foreach (var pid in Signals.ProcessesWith("udhcpc", "-i", device).Where(ours.Contains))
        {
            LogLeftoverDhcpClient(device, pid);
            Signals.TerminateAndWait(pid, TimeSpan.FromSeconds(5));
        }
    }

    private void OnChanged() => Changed?.Invoke();

    public async ValueTask DisposeAsync()
    {
        foreach (var session in Sessions)
            await session.DisposeAsync();
        foreach (var client in Dhcpv6Clients)
            await client.DisposeAsync();
        foreach (var client in Clients)
            await client.DisposeAsync();
        _gate.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "DHCP client on {Device}: udhcpc {Pid} left by an earlier engine is stopped")]
    private partial void LogLeftoverDhcpClient(string device, int pid);

    [LoggerMessage(LogLevel.Warning, "DHCPv6 client on {Uplink}: dhcpcd {Pid} left by an earlier engine is stopped")]
    private partial void LogLeftoverDhcpv6Client(string uplink, int pid);

    [LoggerMessage(LogLevel.Warning, "PPPoE {Name}: pppd {Pid} left by an earlier engine is stopped")]
    private partial void LogLeftover(string name, int pid);
}

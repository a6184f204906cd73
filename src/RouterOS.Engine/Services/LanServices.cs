using RouterOS.Domain.Model;
using RouterOS.Engine.Reconcile;

namespace RouterOS.Engine.Services;

/// <summary>
/// The router's DHCP server and DNS forwarder: one supervised dnsmasq for the router, configured
/// from the model. Applying a configuration writes dnsmasq's file and restarts it only when the
/// file changes; a configuration with nothing for it stops it.
/// </summary>
public sealed partial class LanServices : IAsyncDisposable
{
    private static readonly TimeSpan Holdoff = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly string? _namespaceName;
    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HelperPrograms _programs;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SupervisedProcess? _dnsmasq;
    private string? _runningConfig;
    private RouterConfig? _config;

    /// <param name="directory">Root-only: the configuration and the lease file live here.</param>
    /// <param name="programs">Where dnsmasq is found (<see cref="HelperPrograms.System"/> unless given).</param>
    public LanServices(string? namespaceName, string directory, TimeProvider time, ILogger logger, HelperPrograms? programs = null)
    {
        _namespaceName = namespaceName;
        _directory = directory;
        _time = time;
        _logger = logger;
        _programs = programs ?? HelperPrograms.System;
    }

    public string ConfigFile => Path.Combine(_directory, "dnsmasq.conf");

    public string LeaseFile => Path.Combine(_directory, "dnsmasq.leases");

    public string PidFile => Path.Combine(_directory, "dnsmasq.pid");

    /// <summary>The running dnsmasq's state; Stopped when none is wanted.</summary>
    public SupervisedState State => _dnsmasq?.State ?? SupervisedState.Stopped;

    /// <summary>dnsmasq's last words, for the status: what went wrong when it keeps exiting.</summary>
    public string? LastError { get; private set; }

    /// <summary>Whether applying <paramref name="config"/> would start, restart or stop dnsmasq, for the plan.</summary>
    public ServiceChange ChangeFor(RouterConfig config)
    {
        var wanted = DnsmasqConfig.Generate(config, LeaseFile, UplinkDns);
        return (_runningConfig, wanted) switch
        {
            (null, null) => ServiceChange.None,
            (null, _) => ServiceChange.Start,
            (_, null) => ServiceChange.Stop,
            _ when _runningConfig == wanted => ServiceChange.None,
            _ => ServiceChange.Restart,
        };
    }

    /// <summary>The DNS servers the uplinks' leases gave, forwarded to when no upstream is configured.</summary>
    public IReadOnlyList<System.Net.IPAddress> UplinkDns { get; private set; } = [];

    /// <summary>New DNS servers from the uplinks' leases: dnsmasq restarts with them if it uses them.</summary>
    public async Task SetUplinkDnsAsync(IReadOnlyList<System.Net.IPAddress> servers)
    {
        if (servers.SequenceEqual(UplinkDns))
            return;
        UplinkDns = servers;
        if (_config is { } config)
            await ApplyAsync(config);
    }

    public async Task ApplyAsync(RouterConfig config)
    {
        _config = config;
        var wanted = DnsmasqConfig.Generate(config, LeaseFile, UplinkDns);
        await _gate.WaitAsync();
        try
        {
            if (wanted == _runningConfig && (wanted is null || _dnsmasq is not null))
                return;
            if (_dnsmasq is null)
                StopLeftover();
            if (_dnsmasq is not null)
            {
                await _dnsmasq.DisposeAsync();
                _dnsmasq = null;
            }
            _runningConfig = wanted;
            if (wanted is null)
                return;
            await File.WriteAllTextAsync(ConfigFile, wanted);
            var dnsmasq = new SupervisedProcess("dnsmasq", Holdoff, Spec, _namespaceName, _time, _logger, _programs);
            dnsmasq.Line += line =>
            {
                if (line.Contains("FAILED", StringComparison.Ordinal) || line.Contains("failed", StringComparison.Ordinal))
                    LastError = line;
                LogOutput(line);
            };
            dnsmasq.Exited += _ =>
            {
                if (dnsmasq.StartError is { } error)
                    LastError = $"dnsmasq cannot be started: {error}";
            };
            dnsmasq.Start();
            _dnsmasq = dnsmasq;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>dnsmasq by its absolute path; it drops root (to nobody) once its sockets and lease file are open.</summary>
    internal ProcessSpec Spec() =>
        new("dnsmasq", _programs.Resolve("dnsmasq"), ["--keep-in-foreground", $"--conf-file={ConfigFile}", $"--pid-file={PidFile}"], Holdoff, StopGrace);

    /// <summary>
    /// A dnsmasq an earlier engine left running (it was killed, or crashed) holds the DNS and DHCP
    /// ports: stop it before starting ours. Only a process that runs our configuration file is touched.
    /// </summary>
    private void StopLeftover()
    {
        if (!File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
            return;
        var commandLine = $"/proc/{pid}/cmdline";
        if (!File.Exists(commandLine) || !File.ReadAllText(commandLine).Contains(ConfigFile, StringComparison.Ordinal))
            return;
        LogLeftover(pid);
        Signals.TerminateAndWait(pid, StopGrace);
    }

    public IReadOnlyList<DhcpLease> Leases() =>
        File.Exists(LeaseFile) ? DhcpLeases.Parse(File.ReadAllText(LeaseFile)) : [];

    public async ValueTask DisposeAsync()
    {
        if (_dnsmasq is not null)
            await _dnsmasq.DisposeAsync();
        _gate.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "A dnsmasq left by an earlier engine (pid {Pid}) is stopped")]
    private partial void LogLeftover(int pid);

    [LoggerMessage(LogLevel.Information, "dnsmasq: {Line}")]
    private partial void LogOutput(string line);
}

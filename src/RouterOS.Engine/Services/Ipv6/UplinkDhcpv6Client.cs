using System.Globalization;
using System.Text;
using System.Threading.Channels;
using RouterOS.Domain.Model;
using RouterOS.Engine.Kernel;

namespace RouterOS.Engine.Services.Ipv6;

/// <summary>
/// The DHCPv6 client of one uplink: a supervised dhcpcd (Debian's dhcpcd-base) that asks for a
/// delegated prefix and an address, and listens for the ISP's router advertisements. It runs with
/// --noconfigure: its hook only reports, and the engine applies each lease (the LANs' addresses,
/// the uplink's address, the default route) through the same plan steps as every other change.
/// Its state directory (DUID and leases) is the engine's, bind-mounted in a private mount
/// namespace: the router keeps its DUID across restarts (ISPs key the prefix to it), and two
/// engines on one machine never share a pid file or a lease.
/// </summary>
public sealed partial class UplinkDhcpv6Client : IAsyncDisposable
{
    /// <summary>Applies a lease to the kernel (<paramref name="lease"/> replaces <paramref name="previous"/>), numbering the LANs as <paramref name="config"/> says.</summary>
    public delegate Task LeaseApplier(RouterConfig config, Dhcpv6Client client, Dhcpv6Lease lease, Dhcpv6Lease previous);

    private static readonly TimeSpan Holdoff = TimeSpan.FromSeconds(5);

    /// <summary>dhcpcd releases its lease on SIGTERM (with --release unset it keeps it; we let it send the RELEASE like udhcpc -R).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LeaseApplier _apply;
    private readonly SupervisedProcess _process;
    private readonly Channel<Dhcpv6Event> _events = Channel.CreateUnbounded<Dhcpv6Event>(new() { SingleReader = true });
    private readonly Timeline<UplinkState> _timeline = new();
    private Task? _handler;
    private volatile bool _stopping;
    private RouterConfig _config;

    public UplinkDhcpv6Client(RouterConfig config, Dhcpv6Client client, string? namespaceName, string directory, string hookPath, TimeProvider time, ILogger logger, LeaseApplier apply,
        HelperPrograms? programs = null)
    {
        Client = client;
        _config = config;
        _time = time;
        _logger = logger;
        _apply = apply;
        var found = programs ?? HelperPrograms.System;
        var name = $"dhcpcd on {client.Uplink}";
        var configFile = Path.Combine(directory, "dhcpcd.conf");
        Directory.CreateDirectory(Path.Combine(directory, "run"));
        Directory.CreateDirectory(Path.Combine(directory, "lib"));
        File.WriteAllText(configFile, Configuration(client));
        _process = new SupervisedProcess(name, Holdoff, () => Spec(name, client, directory, configFile, hookPath, found), namespaceName, time, logger, found);
        _process.Line += line =>
        {
            if (Dhcpv6Event.Parse(line) is { } parsed)
                _events.Writer.TryWrite(parsed);
        };
        _process.Exited += code =>
        {
            if (_stopping)
                return;
            Failure = _process.StartError is { } error ? $"the DHCPv6 client cannot start: {error}" : $"the DHCPv6 client exited ({code})";
            Record(UplinkState.Failed, $"{Failure}; it starts again in {Holdoff.TotalSeconds} s");
        };
    }

    public Dhcpv6Client Client { get; }

    /// <summary>The configuration the LANs are numbered by now.</summary>
    public RouterConfig Config => Volatile.Read(ref _config);

    /// <summary>The delegated prefix's lifetimes left now; null without a prefix.</summary>
    public Netlink.Route.AddressLifetime? PrefixLifetimeLeft => Lease.Prefix?.RemainingAt(_time.GetUtcNow());

    public UplinkState State { get; private set; } = UplinkState.Stopped;

    public Dhcpv6Lease Lease { get; private set; } = Dhcpv6Lease.None;

    /// <summary>What went wrong, in plain words; null while all is well.</summary>
    public string? Failure { get; private set; }

    public IReadOnlyList<TimelineEvent<UplinkState>> Timeline => _timeline.Snapshot();

    public event Action? Changed;

    /// <summary>
    /// dhcpcd.conf(5) for this uplink: only the uplink (allowinterfaces: dhcpcd runs in manager
    /// mode and waits for it, as a PPPoE uplink's device comes and goes with its session), without
    /// udev (nodev: the router's namespace has none to announce devices); IPv6 only; router
    /// solicitation on the uplink alone; IA_NA 1 when an address is wanted; IA_PD 2 with the prefix
    /// hint, assigned to no interface ("-": the engine numbers the LANs); the DNS options asked for;
    /// a DUID-LLT kept in the state directory.
    /// </summary>
    internal static string Configuration(Dhcpv6Client client)
    {
        var text = new StringBuilder();
        text.AppendLine("# Written by the RouterOS engine; dhcpcd only reports (--noconfigure), the engine applies.");
        text.AppendLine(CultureInfo.InvariantCulture, $"allowinterfaces {client.Uplink}");
        text.AppendLine("nodev");
        text.AppendLine("ipv6only");
        text.AppendLine("noipv6rs");
        text.AppendLine("duid");
        text.AppendLine("option dhcp6_name_servers, dhcp6_domain_search");
        text.AppendLine(CultureInfo.InvariantCulture, $"interface {client.Uplink}");
        text.AppendLine("  ipv6rs");
        if (client.RequestAddress)
            text.AppendLine("  ia_na 1");
        text.AppendLine(CultureInfo.InvariantCulture, $"  ia_pd 2/::/{client.PrefixHintLength} -");
        return text.ToString();
    }

    /// <summary>
    /// dhcpcd -6 -B (foreground, supervised) -M (manager mode: it waits for the uplink's device
    /// rather than exiting while it is missing) --noconfigure, inside a private mount namespace
    /// (unshare) where the state directory's run/ and lib/ are mounted over /run and
    /// /var/lib/dhcpcd. The paths reach the shell as arguments, never inside its script.
    /// </summary>
    internal static ProcessSpec Spec(string name, Dhcpv6Client client, string directory, string configFile, string hookPath, HelperPrograms programs) =>
        new(name, programs.Resolve("unshare"),
            ["--mount", "--propagation", "private", "--", programs.Resolve("sh"), "-c",
             "mount --bind \"$1\" /run && mount --bind \"$2\" /var/lib/dhcpcd && shift 2 && exec \"$@\"", "sh",
             Path.Combine(directory, "run"), Path.Combine(directory, "lib"),
             programs.Resolve("dhcpcd"), "-6", "-B", "-M", "--noconfigure", "-f", configFile, "-c", hookPath],
            Holdoff, StopGrace);

    public void Start()
    {
        Record(UplinkState.Discovering, $"asking for a prefix{(Client.RequestAddress ? " and an address" : "")} on {Client.Uplink} (hint /{Client.PrefixHintLength})");
        _handler = Task.Run(HandleAsync);
        _process.Start();
    }

    /// <summary>Asks the server to renew now (SIGUSR1 to dhcpcd is --renew, dhcpcd(8)).</summary>
    public bool Renew() => _process.ProcessId is { } pid && Signals.Send(pid, Signals.User1);

    /// <summary>Applies the current lease again under a new configuration, which may number the LANs differently; queued behind dhcpcd's events.</summary>
    public void Reapply(RouterConfig config)
    {
        Volatile.Write(ref _config, config);
        _events.Writer.TryWrite(ReapplyEvent);
    }

    /// <summary>An event of our own, handled in line with dhcpcd's: apply the lease again.</summary>
    private static readonly Dhcpv6Event ReapplyEvent = new("REAPPLY", null, default, null, default, [], null, 0, null);

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _process.DisposeAsync();
        _events.Writer.TryComplete();
        if (_handler is not null)
            await _handler;
        var previous = Lease;
        Lease = Dhcpv6Lease.None;
        await _apply(Volatile.Read(ref _config), Client, Lease, previous);
        Record(UplinkState.Stopped, $"DHCPv6 client on {Client.Uplink} stopped");
    }

    private async Task HandleAsync()
    {
        await foreach (var e in _events.Reader.ReadAllAsync())
        {
            try
            {
                await HandleAsync(e);
            }
            catch (KernelException exception)
            {
                Failure = $"the lease from the DHCPv6 server could not be applied: {exception.Message}";
                Record(UplinkState.Failed, Failure);
            }
        }
    }

    private async Task HandleAsync(Dhcpv6Event e)
    {
        var previous = Lease;
        if (ReferenceEquals(e, ReapplyEvent))
        {
            await _apply(Volatile.Read(ref _config), Client, previous, previous);
            return;
        }
        var next = previous.After(e, _time.GetUtcNow());
        if (next == previous && !e.IsLease)
            return;
        await _apply(Volatile.Read(ref _config), Client, next, previous);
        Lease = next;
        if (e.IsRouterAdvertisement)
        {
            if (previous.DefaultRouter?.Equals(next.DefaultRouter) != true)
                Record(State, next.DefaultRouter is { } router ? $"default router {router} (advertised for {next.RouterLifetimeSeconds} s)" : "no default router advertised");
            return;
        }
        if (e.IsLoss)
        {
            Failure = e.Reason == "EXPIRE6" ? $"the lease on {Client.Uplink} ran out without a renewal; asking again" : null;
            Record(e.Reason == "EXPIRE6" ? UplinkState.Failed : UplinkState.Discovering,
                $"{LossWords(e.Reason)}{(previous.Prefix is { } lost ? $": prefix {lost.Value} withdrawn, the LANs' addresses from it deprecated" : "")}");
            return;
        }
        if (!e.IsLease)
            return;
        Failure = next.Prefix is null ? $"the DHCPv6 server on {Client.Uplink} delegated no prefix" : null;
        var changed = previous.Prefix is { } old && next.Prefix is { } now && old.Value != now.Value;
        var verb = e.Reason switch { "RENEW6" => "renewed", "REBIND6" => "rebound", _ => "bound" };
        Record(next.Prefix is null ? UplinkState.Failed : UplinkState.Bound,
            $"{verb}: " + string.Join(", ", new[]
            {
                next.Prefix is { } prefix ? $"prefix {prefix.Value} ({Reconcile.LifetimeWords.Of(prefix.Lifetime)})" : "no prefix",
                changed ? $"it replaces {previous.Prefix!.Value}, whose addresses on the LANs are deprecated" : null,
                next.Address is { } address ? $"address {address.Value}" : null,
                next.DnsServers.Count > 0 ? $"DNS {string.Join(' ', next.DnsServers)}" : null,
            }.OfType<string>()));
    }

    private static string LossWords(string reason) => reason switch
    {
        "EXPIRE6" => "the lease expired",
        "RELEASE6" => "the lease was released",
        _ => "the DHCPv6 client stopped",
    };

    private void Record(UplinkState state, string detail)
    {
        State = state;
        _timeline.Add(new(_time.GetUtcNow(), state, detail));
        LogEvent(Client.Uplink.Value, detail);
        Changed?.Invoke();
    }

    [LoggerMessage(LogLevel.Information, "DHCPv6 client on {Uplink}: {Detail}")]
    private partial void LogEvent(string uplink, string detail);
}

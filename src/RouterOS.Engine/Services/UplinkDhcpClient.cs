using System.Threading.Channels;
using RouterOS.Domain.Model;

namespace RouterOS.Engine.Services;

/// <summary>Where an uplink's DHCP client stands.</summary>
public enum UplinkState
{
    /// <summary>Asking for a lease (DHCPDISCOVER sent, no offer taken yet).</summary>
    Discovering,
    Bound,

    /// <summary>No server answered; it keeps asking, and says so.</summary>
    Failed,
    Stopped,
}

/// <summary>
/// The DHCP client of one uplink: a supervised busybox udhcpc whose hook only reports (it
/// configures nothing), and the engine applies each lease: address, default route with the
/// configured metric, DNS servers. Failures are said in plain words; the timeline keeps the last
/// events. Lines are handled one at a time, in order.
/// </summary>
public sealed partial class UplinkDhcpClient : IAsyncDisposable
{
    /// <summary>Applies a lease (null: remove the previous one) to the kernel.</summary>
    public delegate Task LeaseApplier(DhcpClient client, LeaseEvent? lease, LeaseEvent? previous);

    private static readonly TimeSpan Holdoff = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LeaseApplier _apply;
    private readonly SupervisedProcess _process;
    private readonly Channel<LeaseEvent> _events = Channel.CreateUnbounded<LeaseEvent>(new() { SingleReader = true });
    private readonly Timeline<UplinkState> _timeline = new();
    private Task? _handler;
    private volatile bool _stopping;

    public UplinkDhcpClient(DhcpClient client, string? namespaceName, string hookPath, string hostname, TimeProvider time, ILogger logger, LeaseApplier apply,
        HelperPrograms? programs = null)
    {
        Client = client;
        _time = time;
        _logger = logger;
        _apply = apply;
        var found = programs ?? HelperPrograms.System;
        var name = $"udhcpc on {client.Device}";
        _process = new SupervisedProcess(name, Holdoff, () => Spec(name, client, hookPath, hostname, found), namespaceName, time, logger, found);
        _process.Line += line =>
        {
            if (LeaseEvent.Parse(line) is { } parsed)
                _events.Writer.TryWrite(parsed);
        };
        _process.Exited += code =>
        {
            if (_stopping)
                return;
            if (_process.StartError is { } error)
            {
                Failure = $"the DHCP client cannot start: {error}";
                Record(UplinkState.Failed, $"{Failure}; trying again in {Holdoff.TotalSeconds} s");
            }
            else
            {
                Record(UplinkState.Discovering, $"the DHCP client exited ({code}); it starts again");
            }
        };
    }

    /// <summary>
    /// busybox's udhcpc. -f: stay in the foreground (supervised); -R: release the lease on SIGTERM;
    /// -t/-T: three discovers two seconds apart, then -A: wait five seconds and ask again, for ever.
    /// </summary>
    internal static ProcessSpec Spec(string name, DhcpClient client, string hookPath, string hostname, HelperPrograms programs) =>
        new(name, programs.Resolve("busybox"),
            ["udhcpc", "-i", client.Device.Value, "-f", "-R", "-t", "3", "-T", "2", "-A", "5", "-s", hookPath, "-x", $"hostname:{hostname}"],
            Holdoff, TimeSpan.FromSeconds(5));

    public DhcpClient Client { get; }

    public UplinkState State { get; private set; } = UplinkState.Stopped;

    public LeaseEvent? Lease { get; private set; }

    /// <summary>What went wrong, in plain words; null while bound.</summary>
    public string? Failure { get; private set; }

    public IReadOnlyList<TimelineEvent<UplinkState>> Timeline => _timeline.Snapshot();

    /// <summary>Raised after every event (the state, the lease or the failure changed).</summary>
    public event Action? Changed;

    public void Start()
    {
        Record(UplinkState.Discovering, $"asking for a lease on {Client.Device}");
        _handler = Task.Run(HandleAsync);
        _process.Start();
    }

    /// <summary>Asks the server to renew now (SIGUSR1, busybox udhcpc).</summary>
    public bool Renew() => _process.ProcessId is { } pid && Signals.Send(pid, Signals.User1);

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _process.DisposeAsync();
        _events.Writer.TryComplete();
        if (_handler is not null)
            await _handler;
        if (Lease is { } lease)
        {
            await _apply(Client, null, lease);
            Lease = null;
        }
        Record(UplinkState.Stopped, $"DHCP client on {Client.Device} stopped");
    }

    private async Task HandleAsync()
    {
        await foreach (var e in _events.Reader.ReadAllAsync())
        {
            try
            {
                await HandleAsync(e);
            }
            catch (Kernel.KernelException exception)
            {
                Failure = $"the lease from the DHCP server could not be applied: {exception.Message}";
                Record(UplinkState.Failed, Failure);
            }
        }
    }

    private async Task HandleAsync(LeaseEvent e)
    {
        switch (e.Event)
        {
            case "bound" or "renew" when e.IsLease:
                await _apply(Client, e, Lease);
                var renewed = Lease?.Address?.Equals(e.Address) == true;
                Lease = e;
                Failure = null;
                Record(UplinkState.Bound, $"{(renewed && e.Event == "renew" ? "lease renewed" : "lease")}: {e.Address}/{e.PrefixLength}" +
                    $"{(e.Gateway is { } gateway ? $", gateway {gateway}" : "")}{(e.DnsServers.Count > 0 ? $", DNS {string.Join(' ', e.DnsServers)}" : "")}, {e.LeaseSeconds} s" +
                    $"{(e.Server is null ? "" : $", from {e.Server}")}");
                break;
            case "bound" or "renew":
                Record(State, "the DHCP server's offer had no usable address; ignored");
                break;
            case "leasefail":
                Failure = $"no DHCP server answered on {Client.Device} (discovery timed out); asking again";
                Record(UplinkState.Failed, Failure);
                break;
            case "nak":
                Record(State, "the DHCP server refused the lease (NAK); asking for a new one");
                break;
            case "deconfig":
                if (Lease is { } previous)
                {
                    await _apply(Client, null, previous);
                    Lease = null;
                    Record(UplinkState.Discovering, $"lease {previous.Address} given up; asking for a new one");
                }
                break;
        }
    }

    private void Record(UplinkState state, string detail)
    {
        State = state;
        _timeline.Add(new(_time.GetUtcNow(), state, detail));
        LogEvent(Client.Device.Value, detail);
        Changed?.Invoke();
    }

    [LoggerMessage(LogLevel.Information, "DHCP client on {Device}: {Detail}")]
    private partial void LogEvent(string device, string detail);
}

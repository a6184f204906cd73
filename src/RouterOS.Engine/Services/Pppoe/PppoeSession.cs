using System.Net;
using System.Threading.Channels;
using RouterOS.Domain.Model;

namespace RouterOS.Engine.Services.Pppoe;

/// <summary>Where a PPPoE uplink stands (its timeline says how it got there).</summary>
public enum PppoeState
{
    /// <summary>Looking for a server (PADI sent, waiting for an offer).</summary>
    Discovery,

    /// <summary>A server gave a PPPoE session id.</summary>
    Session,

    /// <summary>The PPP link is being negotiated (LCP).</summary>
    Lcp,
    Authentication,

    /// <summary>Authenticated; addresses are being negotiated (IPCP, IPv6CP).</summary>
    Ipcp,
    Up,

    /// <summary>The session ended; it dials again after the hold-off.</summary>
    Down,

    /// <summary>Given up (repeated authentication failure) until the settings change or a reconnect is asked for.</summary>
    Failed,
    Stopped,
}

/// <summary>A session that is up: the ppp device and what IPCP gave it.</summary>
public sealed record PppoeLink(string Device, IPAddress Local, IPAddress? Peer, IReadOnlyList<IPAddress> DnsServers);

/// <summary>
/// One PPPoE uplink: a supervised pppd per session, its log lines turned into states, a timeline
/// and failures in plain words; the engine applies what a session brings (default route, DNS) and
/// cleans up after it (flows through the dead session). Repeated authentication failure stops the
/// retries: dialling on with a wrong password only gets the account locked by many ISPs.
/// </summary>
public sealed partial class PppoeSession : IAsyncDisposable
{
    /// <summary>Consecutive authentication failures before it stops dialling.</summary>
    public const int MaxAuthenticationFailures = 3;

    /// <summary>Applies a session to the kernel and services: <paramref name="up"/> is the live session (null when none), <paramref name="ended"/> the one that just ended.</summary>
    public delegate Task SessionApplier(PppoeUplink uplink, PppoeLink? up, PppoeLink? ended);

    private readonly string _etcDirectory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SessionApplier _apply;
    private readonly SupervisedProcess _process;
    private readonly Channel<Signal> _signals = Channel.CreateUnbounded<Signal>(new() { SingleReader = true });
    private readonly Timeline<PppoeState> _timeline = new();
    private Task? _handler;
    private volatile bool _stopping;
    private int _authenticationFailures;
    private volatile bool _attemptAuthenticationFailed;

    // What the current attempt has said so far; reset at each start.
    private int? _sessionId;
    private IPAddress? _local;
    private string? _remoteMessage;
    private PppoeFailure? _attemptFailure;

    /// <param name="programs">Where pppd and what starts it are found (<see cref="HelperPrograms.System"/> unless given).</param>
    public PppoeSession(PppoeUplink uplink, string? namespaceName, string etcDirectory, TimeProvider time, ILogger logger, SessionApplier apply, HelperPrograms? programs = null)
        : this(uplink, etcDirectory, time, logger, apply, Supervise(uplink, namespaceName, etcDirectory, time, logger, programs ?? HelperPrograms.System))
    {
    }

    /// <param name="pppd">How pppd is run (tests give a scripted stand-in).</param>
    internal PppoeSession(PppoeUplink uplink, string? namespaceName, string etcDirectory, TimeProvider time, ILogger logger, SessionApplier apply, ProcessSpec pppd)
        : this(uplink, etcDirectory, time, logger, apply, new SupervisedProcess(pppd, namespaceName, time, logger))
    {
    }

    private PppoeSession(PppoeUplink uplink, string etcDirectory, TimeProvider time, ILogger logger, SessionApplier apply, SupervisedProcess process)
    {
        Uplink = uplink;
        _etcDirectory = etcDirectory;
        _time = time;
        _logger = logger;
        _apply = apply;
        _process = process;
        // Lines, exits and starts are handled one at a time, in the order they happened.
        _process.Line += line =>
        {
            var parsed = PppdLine.Parse(line);
            if (parsed.Kind == PppdLineKind.AuthenticationFailed)
                _attemptAuthenticationFailed = true;
            _signals.Writer.TryWrite(new(SignalKind.Line, parsed));
        };
        _process.Exited += code =>
        {
            // Decided here, before the supervisor decides whether to start pppd again. The server
            // may hang up right after refusing us, so pppd's exit code alone (19) does not tell.
            var authenticationFailed = code == PppdExit.AuthenticationFailed || _attemptAuthenticationFailed;
            _attemptAuthenticationFailed = false;
            if (authenticationFailed && Interlocked.Increment(ref _authenticationFailures) >= MaxAuthenticationFailures)
                _process.GiveUp();
            LastExitCode = code;
            _signals.Writer.TryWrite(new(SignalKind.Exited, null, _process.StartError));
        };
        _process.StateChanged += state =>
        {
            if (state == SupervisedState.Starting && _process.Restarts > 0)
                _signals.Writer.TryWrite(new(SignalKind.Redialling, null));
        };
    }

    /// <summary>pppd as the engine runs it: the spec is made at each start, when its programs are looked up.</summary>
    private static SupervisedProcess Supervise(PppoeUplink uplink, string? namespaceName, string etcDirectory, TimeProvider time, ILogger logger, HelperPrograms programs) =>
        new(PppdCommand.ProcessName(uplink), TimeSpan.FromSeconds(uplink.RetryHoldoffSeconds), () => PppdCommand.Spec(uplink, etcDirectory, programs),
            namespaceName, time, logger, programs);

    public PppoeUplink Uplink { get; private set; }

    public PppoeState State { get; private set; } = PppoeState.Stopped;

    public PppoeLink? Link { get; private set; }

    public int? SessionId { get; private set; }

    /// <summary>The access concentrator's MAC address.</summary>
    public string? AccessConcentrator { get; private set; }

    public DateTimeOffset? UpSince { get; private set; }

    /// <summary>How many times pppd dialled again after a session or an attempt ended.</summary>
    public int Reconnects => _process.Restarts;

    /// <summary>Whether pppd is running or will be started again (Stopped once dialling has stopped).</summary>
    internal SupervisedState Dialling => _process.State;

    public int? LastExitCode { get; private set; }

    /// <summary>What went wrong last, in plain words, with what to check; null while up.</summary>
    public PppoeFailure? Failure { get; private set; }

    public IReadOnlyList<TimelineEvent<PppoeState>> Timeline => _timeline.Snapshot();

    /// <summary>Raised after every event.</summary>
    public event Action? Changed;

    public void Start()
    {
        ResetAttempt();
        Record(PppoeState.Discovery, $"looking for a PPPoE server on {Uplink.Parent}");
        _handler = Task.Run(HandleAsync);
        _process.Start();
    }

    /// <summary>Ends the session (PADT) and dials again now; also after it gave up.</summary>
    public void Reconnect()
    {
        Interlocked.Exchange(ref _authenticationFailures, 0);
        Record(State, "reconnect asked for: the session is ended and dialled again");
        _process.RestartNow();
    }

    /// <summary>Takes settings that do not need a new session (route, metric, DNS use, hold-off).</summary>
    public async Task UpdateAsync(PppoeUplink uplink)
    {
        Uplink = uplink;
        _process.RestartHoldoff = TimeSpan.FromSeconds(uplink.RetryHoldoffSeconds);
        if (Link is { } link)
            await _apply(uplink, link, null);
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        // SIGTERM: pppd sends PADT and LCP terminate, so the ISP frees the session at once.
        await _process.DisposeAsync();
        _signals.Writer.TryComplete();
        if (_handler is not null)
            await _handler;
        if (Link is { } link)
        {
            Link = null;
            await _apply(Uplink, null, link);
        }
        UpSince = null;
        Record(PppoeState.Stopped, $"PPPoE uplink {Uplink.Name} stopped");
    }

    private async Task HandleAsync()
    {
        await foreach (var signal in _signals.Reader.ReadAllAsync())
        {
            try
            {
                switch (signal.Kind)
                {
                    case SignalKind.Line:
                        await HandleAsync(signal.Line!);
                        break;
                    case SignalKind.Exited:
                        await EndedAsync(signal.StartError);
                        break;
                    case SignalKind.Redialling when !_stopping:
                        Record(PppoeState.Discovery, $"dialling again: looking for a PPPoE server on {Uplink.Parent}");
                        break;
                }
            }
            catch (Kernel.KernelException exception)
            {
                Failure = new($"the session could not be applied: {exception.Message}", "see the engine's log");
                Record(State, Failure.Message);
            }
        }
    }

    private async Task HandleAsync(PppdLine line)
    {
        switch (line.Kind)
        {
            case PppdLineKind.SessionId:
                _sessionId = line.Number;
                break;
            case PppdLineKind.ConnectedTo:
                SessionId = _sessionId;
                AccessConcentrator = line.Text;
                Record(PppoeState.Session, $"PPPoE session {_sessionId} with access concentrator {line.Text}");
                break;
            case PppdLineKind.LinkStarted:
                Record(PppoeState.Lcp, "negotiating the PPP link (LCP)");
                break;
            case PppdLineKind.RemoteMessage:
                _remoteMessage = line.Text;
                break;
            case PppdLineKind.AuthenticationSucceeded:
                _remoteMessage ??= line.Message;
                Record(PppoeState.Authentication, $"authenticated ({line.Text}){ServerSaid()}");
                Record(PppoeState.Ipcp, Uplink.Ipv6 ? "negotiating addresses (IPCP, IPv6CP)" : "negotiating addresses (IPCP)");
                break;
            case PppdLineKind.AuthenticationFailed when _attemptFailure is null:
                // pppd says it twice for CHAP, once with the server's message.
                _remoteMessage ??= line.Message;
                _attemptFailure = new($"authentication failed: the server rejected the username or password{ServerSaid()}",
                    "check the username and password (some ISPs want user@realm)");
                Record(PppoeState.Authentication, $"{line.Text} {_attemptFailure.Message}");
                break;
            case PppdLineKind.LocalAddress:
                _local = line.Address;
                break;
            case PppdLineKind.RemoteAddress when _local is { } local:
                // pppd has configured the device and written the peer's DNS servers before it says so.
                var link = new PppoeLink(Uplink.Name.ToString(), local, line.Address, PeerDns.Read(_etcDirectory));
                await _apply(Uplink, link, null);
                Link = link;
                UpSince = _time.GetUtcNow();
                Failure = null;
                Interlocked.Exchange(ref _authenticationFailures, 0);
                Record(PppoeState.Up, $"up: {link.Local} peer {link.Peer}" +
                    (link.DnsServers.Count > 0 ? $", DNS {string.Join(' ', link.DnsServers)}" : "") + $", session {SessionId}");
                break;
            case PppdLineKind.LocalLinkLocal:
                Record(State, $"IPv6CP: link-local address {line.Address}");
                break;
            case PppdLineKind.NoEchoReplies:
                _attemptFailure = new($"the link stopped answering LCP echo requests ({line.Number} unanswered)",
                    "the line or the ISP dropped the session; it dials again by itself");
                Record(State, _attemptFailure.Message);
                break;
            case PppdLineKind.DiscoveryTimeout:
                _attemptFailure ??= PppdExit.Describe(PppdExit.ConnectFailed, Uplink.Parent.ToString());
                break;
            case PppdLineKind.PeerHungUp:
                _attemptFailure ??= new($"the server ended the session ({line.Text})", "the ISP hung up; it dials again by itself");
                break;
            case PppdLineKind.NoKernelSupport:
                _attemptFailure = PppdExit.Describe(PppdExit.NoKernelSupport, Uplink.Parent.ToString());
                break;
            default:
                LogPppd(Uplink.Name.ToString(), line.Text);
                break;
        }
    }

    /// <param name="startError">Why pppd could not be started at all (e.g. it is not installed); null when it ran.</param>
    private async Task EndedAsync(string? startError)
    {
        var code = LastExitCode ?? -1;
        if (Link is { } ended)
        {
            Link = null;
            await _apply(Uplink, null, ended);
        }
        UpSince = null;
        if (_stopping)
            return;
        var failure = startError is not null
            ? new PppoeFailure($"pppd cannot be started: {startError}", "install what is missing (Debian: the ppp package); the engine tries again by itself")
            : _attemptFailure ?? PppdExit.Describe(code, Uplink.Parent.ToString());
        ResetAttempt();
        if (failure is null)
        {
            // SIGTERM without a stop: a reconnect asked for. Nothing failed.
            Failure = null;
            Record(PppoeState.Down, "the session was ended on request (PADT); dialling again now");
            return;
        }
        if (Volatile.Read(ref _authenticationFailures) >= MaxAuthenticationFailures)
        {
            Failure = new($"authentication failed {MaxAuthenticationFailures} times in a row: stopped dialling",
                "correct the username or password (the change dials again), or ask for a reconnect");
            Record(PppoeState.Failed, $"{failure.Message}; {Failure.Message}");
            return;
        }
        Failure = failure;
        Record(PppoeState.Down, $"{failure.Message}; dialling again in {Uplink.RetryHoldoffSeconds} s (pppd exit code {code})");
    }

    private string ServerSaid() => _remoteMessage is { Length: > 0 } message ? $" (the server said: '{message}')" : "";

    private void ResetAttempt()
    {
        _sessionId = null;
        _local = null;
        _remoteMessage = null;
        _attemptFailure = null;
    }

    private void Record(PppoeState state, string detail)
    {
        State = state;
        _timeline.Add(new(_time.GetUtcNow(), state, detail));
        LogEvent(Uplink.Name.ToString(), detail);
        Changed?.Invoke();
    }

    private enum SignalKind
    {
        Line,
        Exited,
        Redialling,
    }

    private readonly record struct Signal(SignalKind Kind, PppdLine? Line, string? StartError = null);

    [LoggerMessage(LogLevel.Information, "PPPoE {Name}: {Detail}")]
    private partial void LogEvent(string name, string detail);

    [LoggerMessage(LogLevel.Debug, "pppd for {Name}: {Line}")]
    private partial void LogPppd(string name, string line);
}

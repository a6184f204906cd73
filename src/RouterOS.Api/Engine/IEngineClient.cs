using RouterOS.Domain.Model;
using RouterOS.Domain.Verification;

namespace RouterOS.Api.Engine;

/// <summary>
/// What the API asks of the engine. The product talks gRPC over the engine's Unix socket
/// (<see cref="GrpcEngineClient"/>); tests use a test double. Every call throws
/// <see cref="EngineUnavailableException"/> when the engine cannot be reached.
/// </summary>
public interface IEngineClient
{
    Task<EnginePlan> PlanAsync(RouterConfig config, CancellationToken cancellationToken);

    Task<EngineApplyResult> ApplyAsync(RouterConfig config, long revision, TimeSpan? confirmWithin, CancellationToken cancellationToken);

    Task ConfirmAsync(long revision, CancellationToken cancellationToken);

    Task RollbackAsync(long revision, CancellationToken cancellationToken);

    Task<EngineStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>The engine's flow stream: the whole table first (reset), then changes. Ends when the engine goes away.</summary>
    IAsyncEnumerable<Flows.FlowUpdate> WatchFlowsAsync(CancellationToken cancellationToken);

    /// <returns>Null when the connection was killed; otherwise why not ("no flow 7").</returns>
    Task<string?> KillFlowAsync(ulong id, CancellationToken cancellationToken);

    /// <summary>The leases the router's DHCP server has handed out.</summary>
    Task<IReadOnlyList<DhcpLeaseView>> ListDhcpLeasesAsync(CancellationToken cancellationToken);

    /// <summary>The uplinks the engine runs a client for, with state and timeline.</summary>
    Task<IReadOnlyList<UplinkStatusView>> ListUplinksAsync(CancellationToken cancellationToken);

    /// <summary>The same, live: the whole list now and after every change, until cancelled or the engine goes away.</summary>
    IAsyncEnumerable<IReadOnlyList<UplinkStatusView>> WatchUplinksAsync(CancellationToken cancellationToken);

    /// <summary>Ends a PPPoE session and dials again now.</summary>
    /// <returns>Null when done; otherwise why not ("no PPPoE uplink ppp-wan is running").</returns>
    Task<string?> ReconnectUplinkAsync(string device, CancellationToken cancellationToken);
}

/// <param name="Device">The DHCP client's device, or the PPPoE uplink's (ppp) name.</param>
/// <param name="Kind">"dhcp" or "pppoe".</param>
/// <param name="State">dhcp: discovering, bound, failed, stopped. pppoe: discovery, session, lcp, authentication, ipcp, up, down, failed (stopped dialling), stopped.</param>
/// <param name="Address">With prefix; null without a lease or session.</param>
/// <param name="Gateway">The lease's router, or the PPPoE peer's address.</param>
/// <param name="Failure">What went wrong, in plain words; null while up.</param>
/// <param name="FailureCheck">PPPoE: what to check about the failure.</param>
/// <param name="Parent">PPPoE: the Ethernet device the session runs over.</param>
/// <param name="SessionId">PPPoE: the session id; null without a session.</param>
/// <param name="AccessConcentrator">PPPoE: the access concentrator's MAC address.</param>
/// <param name="UpSince">PPPoE: when the session came up; null while down.</param>
/// <param name="Reconnects">PPPoE: times it dialled again.</param>
/// <param name="LastExitCode">PPPoE: pppd's last exit code; null before any.</param>
public sealed record UplinkStatusView(string Device, string Kind, string State, string? Address, string? Gateway, IReadOnlyList<string> DnsServers,
    int LeaseSeconds, string? Failure, IReadOnlyList<UplinkEventView> Timeline, string? FailureCheck = null, string? Parent = null,
    int? SessionId = null, string? AccessConcentrator = null, DateTimeOffset? UpSince = null, int Reconnects = 0, int? LastExitCode = null);

public sealed record UplinkEventView(DateTimeOffset At, string State, string Detail);

/// <param name="Hostname">Null when the client sent none.</param>
/// <param name="Expires">Null: the lease never expires.</param>
public sealed record DhcpLeaseView(string Mac, string Address, string? Hostname, DateTimeOffset? Expires);

/// <summary>The engine could not be reached; nothing was changed.</summary>
public sealed class EngineUnavailableException : Exception
{
    public EngineUnavailableException() { }

    public EngineUnavailableException(string message) : base(message) { }

    public EngineUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The engine was reached but answered with an error (not a refusal of the configuration: a fault).</summary>
public sealed class EngineFailedException : Exception
{
    public EngineFailedException() { }

    public EngineFailedException(string message) : base(message) { }

    public EngineFailedException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// The engine was reached and refused a confirm or rollback for the reason it gave (e.g. the revision
/// is not the one waiting); nothing was changed. The API answers 409 with that reason.
/// </summary>
public sealed class EngineRefusedException : Exception
{
    public EngineRefusedException() { }

    public EngineRefusedException(string message) : base(message) { }

    public EngineRefusedException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>What the engine would do: each object with its change class, and the ruleset text.</summary>
public sealed record EnginePlan(IReadOnlyList<ConfigFinding> Findings, IReadOnlyList<PlannedChange> Changes, string NftRuleset);

/// <param name="Action">create, change or delete.</param>
/// <param name="ChangeClass">no_change, applied_live, restart or recreate.</param>
public sealed record PlannedChange(string Path, string Action, string ChangeClass, string Detail);

public sealed record EngineApplyResult(bool Applied, IReadOnlyList<ConfigFinding> Findings, string? Error, string? ErrorPath);

/// <param name="Devices">Per real device the engine probed: can a flowtable take `flags offload` on it, and if not, why.</param>
public sealed record EngineCapabilities(bool Flowtable, bool Vlan8021Q, bool BridgeVlanFiltering, bool Ppp, IReadOnlyList<string> Notes, IReadOnlyList<DeviceHardwareOffload> Devices);

/// <param name="Reason">Empty when it can; otherwise what the probe found, in plain words.</param>
public sealed record DeviceHardwareOffload(string Device, bool HardwareOffload, string Reason);

/// <param name="FailClosed">Set while the engine holds the firewall closed because the stored configuration could not be restored.</param>
public sealed record EngineStatus(string EngineVersion, string KernelRelease, EngineCapabilities Capabilities, long RunningRevision, long ConfirmedRevision, DateTimeOffset? ConfirmDeadline,
    EngineFailClosed? FailClosed = null);

/// <summary>
/// The firewall is held closed: the stored configuration (<paramref name="Revision"/>) could not be
/// restored, so the router runs the last ruleset the engine loaded or, when <paramref name="BaseRuleset"/>,
/// the base ruleset (nothing forwarded). Cleared when a configuration is applied.
/// </summary>
/// <param name="Reason">In plain words: what failed and what the firewall holds.</param>
/// <param name="Findings">Why, each with its configuration path.</param>
public sealed record EngineFailClosed(string Reason, IReadOnlyList<ConfigFinding> Findings, bool BaseRuleset, long Revision, DateTimeOffset Since);

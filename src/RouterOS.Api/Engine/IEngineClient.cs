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
}

/// <param name="Kind">"dhcp" (PPPoE to come).</param>
/// <param name="State">discovering, bound, failed or stopped.</param>
/// <param name="Address">With prefix; null without a lease.</param>
/// <param name="Failure">What went wrong, in plain words; null while up.</param>
public sealed record UplinkStatusView(string Device, string Kind, string State, string? Address, string? Gateway, IReadOnlyList<string> DnsServers,
    int LeaseSeconds, string? Failure, IReadOnlyList<UplinkEventView> Timeline);

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

public sealed record EngineStatus(string EngineVersion, string KernelRelease, EngineCapabilities Capabilities, long RunningRevision, long ConfirmedRevision, DateTimeOffset? ConfirmDeadline);

using RouterOS.Api.Contracts;
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

    /// <summary>The same, live: the whole list now and after every change of dnsmasq's leases, until cancelled or the engine goes away.</summary>
    IAsyncEnumerable<IReadOnlyList<DhcpLeaseView>> WatchDhcpLeasesAsync(CancellationToken cancellationToken);

    /// <summary>The running firewall rules' counters.</summary>
    Task<IReadOnlyList<RuleCounterView>> ListRuleCountersAsync(CancellationToken cancellationToken);

    /// <summary>The uplinks the engine runs a client for, with state and timeline.</summary>
    Task<IReadOnlyList<UplinkStatusView>> ListUplinksAsync(CancellationToken cancellationToken);

    /// <summary>The same, live: the whole list now and after every change, until cancelled or the engine goes away.</summary>
    IAsyncEnumerable<IReadOnlyList<UplinkStatusView>> WatchUplinksAsync(CancellationToken cancellationToken);

    /// <summary>Every link as the router's kernel has it, live: the whole table after every reading, until cancelled or the engine goes away.</summary>
    IAsyncEnumerable<LinkSnapshotView> WatchLinksAsync(CancellationToken cancellationToken);

    /// <summary>Ends a PPPoE session and dials again now.</summary>
    /// <returns>Null when done; otherwise why not ("no PPPoE uplink ppp-wan is running").</returns>
    Task<string?> ReconnectUplinkAsync(string device, CancellationToken cancellationToken);
}

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

public sealed record EngineApplyResult(bool Applied, IReadOnlyList<ConfigFinding> Findings, string? Error, string? ErrorPath);

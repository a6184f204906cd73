using RouterOS.Domain.Verification;

namespace RouterOS.Api.Contracts;

/// <param name="Devices">Per real device the engine probed: can a flowtable take `flags offload` on it, and if not, why.</param>
public sealed record EngineCapabilities(bool Flowtable, bool Vlan8021Q, bool BridgeVlanFiltering, bool Ppp, IReadOnlyList<string> Notes, IReadOnlyList<DeviceHardwareOffload> Devices);

/// <param name="Reason">Empty when it can; otherwise what the probe found, in plain words.</param>
public sealed record DeviceHardwareOffload(string Device, bool HardwareOffload, string Reason);

/// <param name="FailClosed">Set while the engine holds the firewall closed because the stored configuration could not be restored.</param>
/// <param name="Started">When the engine process started (another value later: it restarted); null from an engine that does not say.</param>
public sealed record EngineStatus(string EngineVersion, string KernelRelease, EngineCapabilities Capabilities, long RunningRevision, long ConfirmedRevision, DateTimeOffset? ConfirmDeadline,
    EngineFailClosed? FailClosed = null, DateTimeOffset? Started = null);

/// <summary>
/// The firewall is held closed: the stored configuration (<paramref name="Revision"/>) could not be
/// restored, so the router runs the last ruleset the engine loaded or, when <paramref name="BaseRuleset"/>,
/// the base ruleset (nothing forwarded). Cleared when a configuration is applied.
/// </summary>
/// <param name="Reason">In plain words: what failed and what the firewall holds.</param>
/// <param name="Findings">Why, each with its configuration path.</param>
public sealed record EngineFailClosed(string Reason, IReadOnlyList<ConfigFinding> Findings, bool BaseRuleset, long Revision, DateTimeOffset Since);

/// <param name="EngineError">Why the engine could not be asked, when it could not.</param>
/// <param name="CertificateSha256">The fingerprint of the router's HTTPS certificate, to compare with what the browser shows.</param>
public sealed record StatusView(bool EngineReachable, string? EngineError, EngineStatus? Engine, long? RunningRevision, long? PendingRevision,
    DateTimeOffset? PendingConfirmDeadline, long CandidateVersion, int CandidateChanges, string? CertificateSha256 = null);

using RouterOS.Domain.Diff;
using RouterOS.Domain.Verification;

namespace RouterOS.Dashboard.Services;

// The public API's JSON, as this client reads it (camelCase on the wire). Configuration objects,
// changes and findings are the shared domain types themselves; these are the API's own views.

public sealed record WhoAmI(string Name, string Source, bool CanWrite);

public sealed record SessionView(WhoAmI? User, bool SetupPending);

public sealed record AntiforgeryToken(string HeaderName, string Token);

public sealed record DeviceHardwareOffload(string Device, bool HardwareOffload, string Reason);

public sealed record EngineCapabilities(bool Flowtable, bool Vlan8021Q, bool BridgeVlanFiltering, bool Ppp, IReadOnlyList<string> Notes, IReadOnlyList<DeviceHardwareOffload>? Devices);

public sealed record EngineStatus(string EngineVersion, string KernelRelease, EngineCapabilities Capabilities, long RunningRevision, long ConfirmedRevision, DateTimeOffset? ConfirmDeadline,
    EngineFailClosed? FailClosed = null);

/// <summary>The engine holds the firewall closed: the stored configuration could not be restored.</summary>
public sealed record EngineFailClosed(string Reason, IReadOnlyList<ConfigFinding> Findings, bool BaseRuleset, long Revision, DateTimeOffset Since);

public sealed record StatusView(bool EngineReachable, string? EngineError, EngineStatus? Engine, long? RunningRevision, long? PendingRevision, DateTimeOffset? PendingConfirmDeadline, long CandidateVersion, int CandidateChanges);

public sealed record FlowDirectionView(string Source, int SourcePort, string Destination, int DestinationPort, ulong Packets, ulong Bytes, double PacketsPerSecond, double BytesPerSecond);

public sealed record FlowView(
    ulong Id, uint ConntrackId, int Zone, string Family, int Protocol, string ProtocolName,
    FlowDirectionView Original, FlowDirectionView Reply, string? SourceNat, string? DestinationNat, string? TcpState,
    string Offload, string Counters, string? CountersNote, DateTimeOffset? OffloadedSince, DateTimeOffset Started,
    int TimeoutSeconds, uint Mark, string? Flowtable, string? OffloadRule, string? NotOffloadedReason = null,
    DateTimeOffset? Expires = null, string? InputInterface = null, string? OutputInterface = null)
{
    public ulong Bytes => Original.Bytes + Reply.Bytes;

    public double BytesPerSecond => Original.BytesPerSecond + Reply.BytesPerSecond;
}

public sealed record FlowTotals(DateTimeOffset At, int Total, int Classic, int SoftwareOffloaded, int HardwareOffloaded,
    double FastPathBytesPerSecond, double ClassicBytesPerSecond, double NewFlowsPerSecond, DateTimeOffset? CountersSince, ulong EventsLost, ulong Resyncs);

public sealed record FlowPageDelta(bool Reset, IReadOnlyList<FlowView> Upserts, IReadOnlyList<ulong> Removed, IReadOnlyList<ulong> Order, int Matching, int Total, FlowTotals? Totals, bool Connected);

public sealed record FlowSubscribeRequest(string? Filter = null, string? Sort = null, string? Order = null, int? Offset = null, int? Limit = null);

/// <summary>An RFC 9457 problem document, as the API answers errors; findings name the configuration paths concerned.</summary>
public sealed record Problem(string? Title, string? Detail, int? Status, IReadOnlyList<ConfigFinding>? Findings);

public sealed record DiffView(string From, string To, IReadOnlyList<ConfigChange> Changes);

public sealed record PlannedChangeView(string Path, string Action, string ChangeClass, string Detail);

public sealed record PlanView(bool Valid, IReadOnlyList<ConfigFinding> Findings, IReadOnlyList<ConfigChange> Changes, IReadOnlyList<PlannedChangeView> EngineChanges, string NftRuleset);

public sealed record RevisionSummary(long Number, DateTimeOffset CreatedAt, string Author, string Source, string Message, string State,
    long? PreviousNumber, DateTimeOffset? ConfirmDeadline, string? Outcome, int ChangeCount);

/// <param name="ExpiresAt">Null: valid until revoked.</param>
/// <param name="Expired">By the router's clock, which decides.</param>
public sealed record TokenView(string Name, string Scope, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt = null, bool Expired = false);

public sealed record CreatedToken(string Name, string Scope, string Token, DateTimeOffset? ExpiresAt = null);

public sealed record AuditView(DateTimeOffset At, string Actor, string Source, string Method, string Path, int Status, string? RemoteAddress);

public sealed record SetupRequest(string Token, string Password);

public sealed record LoginRequest(string Username, string Password);

/// <param name="ConfirmWithinSeconds">Null: confirmed at once.</param>
public sealed record CommitRequest(string Message, int? ConfirmWithinSeconds);

/// <param name="ExpiresAt">Null (left out): valid until revoked.</param>
public sealed record TokenRequest(string Name, string Scope,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ExpiresAt = null);

public sealed record PasswordChangeRequest(string CurrentPassword, string NewPassword);

/// <summary>A browser signed in as the admin.</summary>
/// <param name="Current">The session of this browser.</param>
public sealed record SessionInfo(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? RemoteAddress, string? UserAgent, bool Current);

public sealed record DhcpLeaseView(string Mac, string Address, string? Hostname, DateTimeOffset? Expires);

public sealed record UplinkEventView(DateTimeOffset At, string State, string Detail);

/// <summary>An uplink's client (DHCP) or session (PPPoE), as GET /api/v1/uplinks/status and /hubs/uplinks give it.</summary>
public sealed record UplinkStatusView(string Device, string Kind, string State, string? Address, string? Gateway, IReadOnlyList<string> DnsServers,
    int LeaseSeconds, string? Failure, IReadOnlyList<UplinkEventView> Timeline, string? FailureCheck = null, string? Parent = null,
    int? SessionId = null, string? AccessConcentrator = null, DateTimeOffset? UpSince = null, int Reconnects = 0, int? LastExitCode = null);

/// <param name="Connected">False while the API cannot hear the engine (the list is the last one known).</param>
public sealed record UplinkSnapshot(IReadOnlyList<UplinkStatusView> Uplinks, bool Connected);

using RouterOS.Domain.Diff;
using RouterOS.Domain.Management;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Api.Contracts;

public sealed record CandidateView(long Version, RouterConfig Config);

/// <param name="From">What the changes are measured from, e.g. "running revision 4" or "revision 2".</param>
public sealed record DiffView(string From, string To, EquatableArray<ConfigChange> Changes);

/// <summary>What a commit of the candidate would do: verify's findings, the change set, and the engine's plan.</summary>
/// <param name="ManagementWarnings">Changes that may cut the asking client's own connection to the API (its network, its zone's input to the API's port, the bridge or VLAN it comes through); empty when none, or when the client's path cannot be judged (loopback, a client in no network of the router).</param>
public sealed record PlanView(bool Valid, IReadOnlyList<ConfigFinding> Findings, EquatableArray<ConfigChange> Changes, IReadOnlyList<PlannedChange> EngineChanges, string NftRuleset,
    IReadOnlyList<ManagementWarning> ManagementWarnings);

/// <param name="Action">create, change or delete.</param>
/// <param name="ChangeClass">no_change, applied_live, restart or recreate.</param>
public sealed record PlannedChange(string Path, string Action, string ChangeClass, string Detail);

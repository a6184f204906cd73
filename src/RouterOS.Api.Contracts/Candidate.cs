using RouterOS.Domain.Diff;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Api.Contracts;

public sealed record CandidateView(long Version, RouterConfig Config);

/// <param name="From">What the changes are measured from, e.g. "running revision 4" or "revision 2".</param>
public sealed record DiffView(string From, string To, EquatableArray<ConfigChange> Changes);

/// <summary>What a commit of the candidate would do: verify's findings, the change set, and the engine's plan.</summary>
public sealed record PlanView(bool Valid, IReadOnlyList<ConfigFinding> Findings, EquatableArray<ConfigChange> Changes, IReadOnlyList<PlannedChange> EngineChanges, string NftRuleset);

/// <param name="Action">create, change or delete.</param>
/// <param name="ChangeClass">no_change, applied_live, restart or recreate.</param>
public sealed record PlannedChange(string Path, string Action, string ChangeClass, string Detail);

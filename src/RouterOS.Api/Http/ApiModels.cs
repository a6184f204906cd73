using RouterOS.Api.Engine;
using RouterOS.Api.Store;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Api.Http;

/// <param name="ConfirmWithinSeconds">Roll back automatically unless confirmed within this many seconds; confirmed at once when left out.</param>
public sealed record CommitRequest(string? Message = null, int? ConfirmWithinSeconds = null);

/// <summary>A revision with its whole configuration (secrets redacted) and its changes against the one before.</summary>
public sealed record RevisionDetail(RevisionSummary Revision, RouterConfig Config, EquatableArray<ConfigChange> Changes);

public sealed record CandidateView(long Version, RouterConfig Config);

/// <param name="From">What the changes are measured from, e.g. "running revision 4" or "revision 2".</param>
public sealed record DiffView(string From, string To, EquatableArray<ConfigChange> Changes);

/// <summary>What a commit of the candidate would do: verify's findings, the change set, and the engine's plan.</summary>
public sealed record PlanView(bool Valid, IReadOnlyList<ConfigFinding> Findings, EquatableArray<ConfigChange> Changes, IReadOnlyList<PlannedChange> EngineChanges, string NftRuleset);

/// <param name="EngineError">Why the engine could not be asked, when it could not.</param>
/// <param name="CertificateSha256">The fingerprint of the router's HTTPS certificate, to compare with what the browser shows.</param>
public sealed record StatusView(bool EngineReachable, string? EngineError, EngineStatus? Engine, long? RunningRevision, long? PendingRevision,
    DateTimeOffset? PendingConfirmDeadline, long CandidateVersion, int CandidateChanges, string? CertificateSha256 = null);

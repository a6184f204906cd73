namespace RouterOS.Api.Contracts;

/// <summary>
/// The router's change state, as every dashboard page shows it: the candidate's edits, the running
/// revision and a commit waiting for confirmation. Live on <see cref="LiveHubs.ChangesPath"/>; the
/// same numbers as <see cref="StatusView"/>, without asking the engine.
/// </summary>
/// <param name="CandidateVersion">Moves with every edit of the candidate.</param>
/// <param name="CandidateChanges">How many objects the candidate changes against the running revision.</param>
public sealed record ChangeStateView(long CandidateVersion, int CandidateChanges, long? RunningRevision, long? PendingRevision, DateTimeOffset? PendingConfirmDeadline);

using System.Text.Json.Serialization;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Api.Contracts;

// By name on the wire, whichever serializer reads it.
/// <summary>Where a revision stands in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RevisionState>))]
public enum RevisionState
{
    /// <summary>Recorded, being sent to the engine. Found at start-up, it means the API died mid-commit.</summary>
    Applying,

    /// <summary>Applied, waiting for confirmation before its deadline.</summary>
    Pending,

    /// <summary>Applied and confirmed (or applied without a confirm window).</summary>
    Confirmed,

    /// <summary>Applied, then rolled back: not confirmed in time, or rolled back on request.</summary>
    RolledBack,

    /// <summary>The engine refused or could not apply it; the router kept what it had.</summary>
    Failed,

    /// <summary>
    /// A revision of a restored backup, as the router that made it had it (its number, state and
    /// message there are in the message and outcome). Never runs here unless rolled back to.
    /// </summary>
    Archived,
}

/// <summary>What a list of revisions shows: everything but the configuration itself.</summary>
public sealed record RevisionSummary(
    long Number, DateTimeOffset CreatedAt, string Author, string Source, string Message, RevisionState State,
    long? PreviousNumber, DateTimeOffset? ConfirmDeadline, string? Outcome, int ChangeCount);

/// <summary>A revision with its whole configuration (secrets redacted) and its changes against the one before.</summary>
public sealed record RevisionDetail(RevisionSummary Revision, RouterConfig Config, EquatableArray<ConfigChange> Changes);

/// <param name="ConfirmWithinSeconds">Roll back automatically unless confirmed within this many seconds; confirmed at once when left out.</param>
public sealed record CommitRequest(string? Message = null, int? ConfirmWithinSeconds = null);

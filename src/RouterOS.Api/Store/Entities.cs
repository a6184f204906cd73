using RouterOS.Api.Contracts;

namespace RouterOS.Api.Store;

/// <summary>The one candidate configuration: what edits change and a commit applies.</summary>
public sealed class CandidateRow
{
    /// <summary>Always 1: there is one candidate per router.</summary>
    public int Id { get; set; } = 1;

    /// <summary>The configuration as stored JSON (secrets encrypted).</summary>
    public required string ConfigJson { get; set; }

    /// <summary>Bumped by every change; the candidate's ETag, and the concurrency token of its updates (<see cref="CandidateStore"/>).</summary>
    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>Every commit is a revision, kept forever (they are small).</summary>
public sealed class RevisionRow
{
    public long Number { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string Author { get; set; }

    /// <summary>"ui", "api", or "token:NAME".</summary>
    public required string Source { get; set; }

    public string Message { get; set; } = "";

    public required string ConfigJson { get; set; }

    /// <summary>The change set from the revision running before it, as JSON (secrets redacted).</summary>
    public required string DiffJson { get; set; }

    public RevisionState State { get; set; }

    /// <summary>The revision that was running when this one was committed: where a rollback returns to.</summary>
    public long? PreviousNumber { get; set; }

    /// <summary>Set while <see cref="State"/> is Pending: when the automatic rollback happens.</summary>
    public DateTimeOffset? ConfirmDeadline { get; set; }

    /// <summary>Why it failed or was rolled back, in plain words.</summary>
    public string? Outcome { get; set; }
}

using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Diff;

[JsonConverter(typeof(JsonStringEnumConverter<ChangeKind>))]
public enum ChangeKind
{
    [JsonStringEnumMemberName("added")] Added,
    [JsonStringEnumMemberName("removed")] Removed,
    [JsonStringEnumMemberName("changed")] Changed,
}

/// <summary>
/// One object that differs between two configurations, by the same path verify uses
/// (<c>bridges[br-lan]</c>). <see cref="Fields"/> names what changed in a changed object (a secret
/// shows up here as changed while its value never does); <see cref="Before"/> and
/// <see cref="After"/> are the object as compact JSON with secrets redacted.
/// </summary>
public sealed record ConfigChange(string Path, ChangeKind Kind, EquatableArray<string> Fields, string? Before = null, string? After = null)
{
    public override string ToString() => Kind switch
    {
        ChangeKind.Added => $"+ {Path}",
        ChangeKind.Removed => $"- {Path}",
        _ => $"~ {Path} ({string.Join(", ", Fields)})",
    };
}

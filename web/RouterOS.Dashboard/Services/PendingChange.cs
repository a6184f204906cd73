using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RouterOS.Domain.Diff;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// What a commit would do to one object the page shows: add it, change it or remove it, and what
/// differs from the running revision in plain words ("MTU: 1500 running, 9000 in the candidate").
/// </summary>
public sealed record PendingChange(ChangeKind Kind, IReadOnlyList<string> Differences)
{
    /// <summary>An object of the running revision that the candidate deleted.</summary>
    public static PendingChange Removal { get; } = new(ChangeKind.Removed, ["Deleted from the candidate, still running: a commit removes it."]);

    /// <summary>The mark's text: "Not committed: added".</summary>
    public string Label => $"Not committed: {Kind switch { ChangeKind.Added => "added", ChangeKind.Removed => "removed", _ => "changed" }}";

    public static PendingChange From(ConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Kind switch
        {
            ChangeKind.Added => new(ChangeKind.Added, ["Not in the running revision: a commit adds it."]),
            ChangeKind.Removed => Removal,
            // A list's new order (ConfigDiff.Order) carries the names in order, not JSON objects.
            _ when change.Fields is ["order"] => new(ChangeKind.Changed, [$"Order: {change.Before} running; {change.After} in the candidate."]),
            _ => new(ChangeKind.Changed, [.. change.Fields.Select(field => Difference(field, change.Before, change.After))]),
        };
    }

    private static string Difference(string field, string? before, string? after)
    {
        var name = ConfigWords.Field(field);
        var (was, will) = (Value(before, field), Value(after, field));
        // Lists and nested objects are named, not spelled out; a secret is redacted on both sides and never shown.
        return was is null || will is null || was == will
            ? $"{Capitalised(name)} differs from the running revision."
            : $"{Capitalised(name)}: {was} running, {will} in the candidate.";
    }

    /// <summary>A field's value as words when it is a single value ("not set" when absent); null for a list or an object.</summary>
    private static string? Value(string? json, string field)
    {
        if (json is null)
            return null;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json)?[field];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
        return node switch
        {
            null => "not set",
            JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "yes" : "no",
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            JsonValue value => value.ToJsonString(),
            _ => null,
        };
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
}

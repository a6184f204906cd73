using System.Text.Json;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The candidate against the running revision, object by object, as the pages mark them: the
/// domain's <see cref="ConfigDiff"/> (the same pairing by key the Changes page and the API use), looked
/// up by each object's configuration path. Pure: built once per pair of configurations.
/// </summary>
public sealed class PendingDiff
{
    private readonly Dictionary<string, ConfigChange> _byPath;

    /// <param name="apiChanges">
    /// The API's own change set (GET api/v1/candidate/diff), for what this browser cannot see: a
    /// password, which the API sends redacted on both sides, so a changed one looks unchanged here.
    /// Only those fields are taken from it; the rest is computed here, as the page shows it.
    /// </param>
    public PendingDiff(RouterConfig candidate, RouterConfig running, IReadOnlyList<ConfigChange>? apiChanges = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(running);
        (Candidate, Running) = (candidate, running);
        _byPath = ConfigDiff.Compute(running, candidate).ToDictionary(change => change.Path, StringComparer.Ordinal);
        foreach (var change in apiChanges ?? [])
            AddRedactedFields(change);
    }

    public RouterConfig Candidate { get; }

    public RouterConfig Running { get; }

    /// <summary>What a commit would do to <paramref name="item"/> of the candidate; null when it runs as it is.</summary>
    public PendingChange? Of<T>(ConfigList<T> list, T item) where T : class
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(item);
        if (IsNested(list))
            return NestedChange(list, item);
        return _byPath.TryGetValue(list.PathOf(item), out var change) ? PendingChange.From(change) : null;
    }

    /// <summary>What a commit would do to the object keyed <paramref name="key"/>, whichever side has it (a page that lists the running objects).</summary>
    public PendingChange? OfKey<T>(ConfigList<T> list, string key) where T : class
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list.Find(Candidate, key) is { } item)
            return Of(list, item);
        return Removed(list).Any(old => list.Key(old) == key) ? PendingChange.Removal : null;
    }

    /// <summary>The items of the running revision's list that the candidate deletes: a commit removes them.</summary>
    public IReadOnlyList<T> Removed<T>(ConfigList<T> list) where T : class
    {
        ArgumentNullException.ThrowIfNull(list);
        var running = list.Get(Running);
        if (IsNested(list))
        {
            var kept = list.Get(Candidate).Select(list.Key).ToHashSet(StringComparer.Ordinal);
            return [.. running.Where(item => !kept.Contains(list.Key(item)))];
        }
        return [.. running.Where(item => _byPath.TryGetValue(list.PathOf(item), out var change) && change.Kind == ChangeKind.Removed)];
    }

    /// <summary>A change of a whole section or list by its path ("dns", "firewall.defaults", a list's new order "offloadPolicy").</summary>
    public PendingChange? At(string path) => _byPath.TryGetValue(path, out var change) ? PendingChange.From(change) : null;

    /// <summary>Adds the fields of an API change that are redacted on both sides (a changed password) to the change of the same object.</summary>
    private void AddRedactedFields(ConfigChange change)
    {
        if (change.Kind != ChangeKind.Changed)
            return;
        var redacted = change.Fields.Where(field => IsRedacted(change.Before, field) && IsRedacted(change.After, field)).ToArray();
        if (redacted.Length == 0)
            return;
        if (!_byPath.TryGetValue(change.Path, out var local))
            _byPath[change.Path] = change with { Fields = [.. redacted] };
        else if (local.Kind == ChangeKind.Changed)
            _byPath[change.Path] = local with { Fields = [.. local.Fields.Union(redacted, StringComparer.Ordinal)] };
    }

    private static bool IsRedacted(string? json, string field)
    {
        if (json is null)
            return false;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(field, out var value)
                && value.ValueKind == JsonValueKind.String && value.GetString() == RedactedSecretConverter.Placeholder;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // ConfigDiff compares a list inside an object (a DHCP server's static leases) as a field of that object,
    // so its items are paired here by their own key, the same way.
    private static bool IsNested<T>(ConfigList<T> list) where T : class => list.PathName.Contains('[', StringComparison.Ordinal);

    private PendingChange? NestedChange<T>(ConfigList<T> list, T item) where T : class
    {
        var key = list.Key(item);
        var previous = list.Get(Running).FirstOrDefault(old => list.Key(old) == key);
        if (previous is null)
            return PendingChange.From(new ConfigChange(list.PathOf(item), ChangeKind.Added, []));
        if (previous.Equals(item))
            return null;
        var (before, after) = (JsonSerializer.SerializeToElement(previous, list.ItemJson), JsonSerializer.SerializeToElement(item, list.ItemJson));
        var fields = before.EnumerateObject().Select(p => p.Name).Union(after.EnumerateObject().Select(p => p.Name))
            .Where(field => !Same(before, after, field));
        return PendingChange.From(new ConfigChange(list.PathOf(item), ChangeKind.Changed, [.. fields], before.GetRawText(), after.GetRawText()));
    }

    private static bool Same(JsonElement before, JsonElement after, string field) =>
        before.TryGetProperty(field, out var was) == after.TryGetProperty(field, out var will)
        && (was.ValueKind == JsonValueKind.Undefined || JsonElement.DeepEquals(was, will));
}

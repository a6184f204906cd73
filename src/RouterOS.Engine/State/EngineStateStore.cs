using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Files;

namespace RouterOS.Engine.State;

/// <summary>
/// The engine's own memory, on disk so it outlives the API and the engine: the last applied and
/// the last confirmed configuration, the pending confirm deadline, the ruleset it loaded, and the
/// link settings it changed from the kernel's own. Every write is durable (<see cref="DurableFile"/>):
/// a power cut leaves the old file or the new one, and a rename or a deletion is on disk before
/// the engine acts on it (a lost deletion of pending.json would roll back a confirmed commit).
/// </summary>
/// <remarks>
/// The configurations hold the PPPoE password in clear: after a restart or a reboot the engine
/// must dial again on its own, before (or without) the API, and the API's keys that decrypt its
/// copy are not the engine's to hold. So the files are root's alone: each is 0600 from its creation
/// in a 0700 directory, and a directory or file left looser (an earlier version, a restored backup)
/// is tightened when the store opens.
/// </remarks>
public sealed class EngineStateStore
{
    private const string AppliedFile = "applied.json";
    private const string ConfirmedFile = "confirmed.json";
    private const string PendingFile = "pending.json";
    private const string OriginalsFile = "originals.json";
    private const string RulesetFile = "ruleset.json";

    /// <summary>The store's own files; the services' files beside them are theirs to write.</summary>
    private static readonly string[] Files = [AppliedFile, ConfirmedFile, PendingFile, OriginalsFile, RulesetFile];

    private readonly string _directory;

    // What each file holds, read once: this process is the files' only writer, and the running
    // configuration is read on every plan, apply and flow report.
    private readonly Dictionary<string, object?> _known = [];
    private readonly Lock _lock = new();

    /// <summary>Root-only; the engine's services keep their files here too.</summary>
    public string StateDirectory => _directory;

    public EngineStateStore(string directory)
    {
        // Full: the services hand paths in it to their programs (udhcpc's hook, dnsmasq's files).
        _directory = DurableFile.PrepareDirectory(directory);
        foreach (var name in Files)
            DurableFile.MakeOwnerOnly(Path.Combine(_directory, name));
    }

    public StoredRevision? Applied => Known(AppliedFile, ReadRevision);

    public StoredRevision? Confirmed => Known(ConfirmedFile, ReadRevision);

    public PendingConfirm? Pending => Known(PendingFile, name => Read(name, EngineStateJson.Default.PendingConfirm));

    /// <summary>Link settings as the kernel had them before the engine first changed them (none recorded: empty).</summary>
    public Reconcile.KernelOriginals Originals =>
        Known(OriginalsFile, name => Read(name, EngineStateJson.Default.KernelOriginals)) ?? Reconcile.KernelOriginals.None;

    public Reconcile.LoadedRuleset? Ruleset => Known(RulesetFile, name => Read(name, EngineStateJson.Default.LoadedRuleset));

    public void SaveApplied(long revision, RouterConfig config) => SaveRevision(AppliedFile, revision, config);

    public void SaveConfirmed(long revision, RouterConfig config) => SaveRevision(ConfirmedFile, revision, config);

    public void SavePending(PendingConfirm? pending) =>
        Save(PendingFile, pending, pending is null ? null : JsonSerializer.Serialize(pending, EngineStateJson.Default.PendingConfirm));

    public void SaveRuleset(Reconcile.LoadedRuleset? ruleset) =>
        Save(RulesetFile, ruleset, ruleset is null ? null : JsonSerializer.Serialize(ruleset, EngineStateJson.Default.LoadedRuleset));

    public void SaveOriginals(Reconcile.KernelOriginals originals) =>
        Save(OriginalsFile, originals, originals.Links.Count == 0 ? null : JsonSerializer.Serialize(originals, EngineStateJson.Default.KernelOriginals));

    private T? Known<T>(string name, Func<string, T?> read) where T : class
    {
        lock (_lock)
        {
            if (!_known.TryGetValue(name, out var value))
            {
                value = read(name);
                _known[name] = value;
            }
            return (T?)value;
        }
    }

    /// <summary>Writes the file (or deletes it for null) and remembers the value.</summary>
    private void Save(string name, object? value, string? content)
    {
        lock (_lock)
        {
            if (content is null)
            {
                DurableFile.Delete(Path.Combine(_directory, name));
            }
            else
            {
                DurableFile.Write(Path.Combine(_directory, name), System.Text.Encoding.UTF8.GetBytes(content));
            }
            _known[name] = value;
        }
    }

    private StoredRevision? ReadRevision(string name)
    {
        var stored = Read(name, EngineStateJson.Default.RevisionFile);
        return stored is null ? null : new StoredRevision(stored.Revision, RouterConfigJson.Parse(stored.ConfigJson));
    }

    private void SaveRevision(string name, long revision, RouterConfig config) =>
        Save(name, new StoredRevision(revision, config),
            JsonSerializer.Serialize(new RevisionFile(revision, RouterConfigJson.Write(config)), EngineStateJson.Default.RevisionFile));

    private T? Read<T>(string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        var path = Path.Combine(_directory, name);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), type) : null;
    }
}

public sealed record StoredRevision(long Revision, RouterConfig Config);

public sealed record PendingConfirm(long Revision, DateTimeOffset Deadline);

internal sealed record RevisionFile(long Revision, string ConfigJson);

[JsonSerializable(typeof(RevisionFile))]
[JsonSerializable(typeof(PendingConfirm))]
[JsonSerializable(typeof(Reconcile.LoadedRuleset))]
[JsonSerializable(typeof(Reconcile.KernelOriginals))]
internal sealed partial class EngineStateJson : JsonSerializerContext;

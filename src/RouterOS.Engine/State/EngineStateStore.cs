using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;

namespace RouterOS.Engine.State;

/// <summary>
/// The engine's own memory, on disk so it outlives the API and the engine: the last applied and
/// the last confirmed configuration (with secrets: root-only files), the pending confirm deadline,
/// the ruleset it loaded, and the link settings it changed from the kernel's own. Every write is atomic: temp file, fsync, rename.
/// </summary>
public sealed class EngineStateStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _directory;

    // What each file holds, read once: this process is the files' only writer, and the running
    // configuration is read on every plan, apply and flow report.
    private readonly Dictionary<string, object?> _known = [];
    private readonly Lock _lock = new();

    /// <summary>Root-only; the engine's services keep their files here too.</summary>
    public string StateDirectory => _directory;

    public EngineStateStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public StoredRevision? Applied => Known("applied.json", ReadRevision);

    public StoredRevision? Confirmed => Known("confirmed.json", ReadRevision);

    public PendingConfirm? Pending => Known("pending.json", name => Read(name, EngineStateJson.Default.PendingConfirm));

    /// <summary>Link settings as the kernel had them before the engine first changed them (none recorded: empty).</summary>
    public Reconcile.KernelOriginals Originals =>
        Known("originals.json", name => Read(name, EngineStateJson.Default.KernelOriginals)) ?? Reconcile.KernelOriginals.None;

    public Reconcile.LoadedRuleset? Ruleset => Known("ruleset.json", name => Read(name, EngineStateJson.Default.LoadedRuleset));

    public void SaveApplied(long revision, RouterConfig config) => SaveRevision("applied.json", revision, config);

    public void SaveConfirmed(long revision, RouterConfig config) => SaveRevision("confirmed.json", revision, config);

    public void SavePending(PendingConfirm? pending) =>
        Save("pending.json", pending, pending is null ? null : JsonSerializer.Serialize(pending, EngineStateJson.Default.PendingConfirm));

    public void SaveRuleset(Reconcile.LoadedRuleset? ruleset) =>
        Save("ruleset.json", ruleset, ruleset is null ? null : JsonSerializer.Serialize(ruleset, EngineStateJson.Default.LoadedRuleset));

    public void SaveOriginals(Reconcile.KernelOriginals originals) =>
        Save("originals.json", originals, originals.Links.Count == 0 ? null : JsonSerializer.Serialize(originals, EngineStateJson.Default.KernelOriginals));

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
                File.Delete(Path.Combine(_directory, name));
            }
            else
            {
                Write(name, content);
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

    private void Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = OwnerOnly,
        }))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(content));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
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

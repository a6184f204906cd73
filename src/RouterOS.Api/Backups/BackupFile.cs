using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RouterOS.Api.Contracts;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Verification;

namespace RouterOS.Api.Backups;

/// <summary>What a backup holds: the running configuration and the newest revisions, as this router had them.</summary>
/// <param name="RevisionsLeftOut">Older revisions not carried (a backup holds at most RouterApiOptions.MaxBackupRevisions).</param>
public sealed record BackupContent(DateTimeOffset CreatedAt, string RouterVersion, long? RunningRevision, RouterConfig? Running, IReadOnlyList<BackupRevision> Revisions, int RevisionsLeftOut);

public sealed record BackupRevision(long Number, DateTimeOffset CreatedAt, string Author, string Source, string Message, RevisionState State, string? Outcome, RouterConfig Config);

/// <summary>
/// The backup file: JSON an administrator can read, every secret sealed with a key from their
/// passphrase, the whole content sealed by an HMAC, so that a restore finds a wrong passphrase, a
/// changed byte or a configuration that no longer verifies before it changes anything.
/// </summary>
/// <remarks>
/// { "format": "routeros-backup", "formatVersion": 1, "createdAt", "routerVersion",
///   "kdf": { "algorithm": "PBKDF2-HMAC-SHA256", "iterations", "salt" }, "cipher": "AES-256-GCM",
///   "passphraseCheck", "content": { "runningRevision", "running", "revisions": [...], "revisionsLeftOut" },
///   "mac": HMAC-SHA256 of the content's bytes exactly as written }.
/// The file must be restored as it was downloaded: reformatting it changes the bytes the MAC covers.
/// </remarks>
public static class BackupFile
{
    public const string Format = "routeros-backup";
    public const int FormatVersion = 1;
    private const string Kdf = "PBKDF2-HMAC-SHA256";
    private const string Cipher = "AES-256-GCM";

    public static byte[] Write(BackupContent content, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(content);
        var salt = RandomNumberGenerator.GetBytes(16);
        using var keys = BackupKeys.Derive(passphrase, salt, BackupKeys.Iterations);
        var body = WriteContent(content, SealedSecretConverter.Context(keys));
        using var file = new MemoryStream();
        using (var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteString("createdAt", content.CreatedAt);
            writer.WriteString("routerVersion", content.RouterVersion);
            writer.WriteStartObject("kdf");
            writer.WriteString("algorithm", Kdf);
            writer.WriteNumber("iterations", BackupKeys.Iterations);
            writer.WriteString("salt", Convert.ToBase64String(salt));
            writer.WriteEndObject();
            writer.WriteString("cipher", Cipher);
            writer.WriteString("passphraseCheck", keys.PassphraseCheck);
            writer.WritePropertyName("content");
            writer.WriteRawValue(body, skipInputValidation: true);
            writer.WriteString("mac", keys.Mac(body));
            writer.WriteEndObject();
        }
        return file.ToArray();
    }

    /// <summary>Reads and checks a backup completely: format, passphrase, seal, every configuration read and verified.</summary>
    /// <exception cref="BackupRejectedException">Why it cannot be restored, in plain words, with the findings of configurations that do not verify.</exception>
    public static BackupContent Read(ReadOnlySpan<byte> utf8, string passphrase)
    {
        using var document = Parse(utf8);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Text(root, "format") != Format)
            throw new BackupRejectedException($"this is not a RouterOS backup (its \"format\" is not \"{Format}\")");
        var version = root.TryGetProperty("formatVersion", out var v) && v.TryGetInt32(out var number) ? number : -1;
        if (version != FormatVersion)
            throw new BackupRejectedException(version > FormatVersion
                ? $"this backup has format version {version}, made by a newer RouterOS; this one restores version {FormatVersion}"
                : $"this backup's format version is missing or unknown; this RouterOS restores version {FormatVersion}");
        if (!root.TryGetProperty("kdf", out var kdf) || Text(kdf, "algorithm") != Kdf || Text(root, "cipher") != Cipher)
            throw new BackupRejectedException($"this backup's keys are not {Kdf} and {Cipher}");
        var iterations = kdf.TryGetProperty("iterations", out var i) && i.TryGetInt32(out var count) ? count : 0;
        if (iterations is < BackupKeys.MinIterations or > BackupKeys.MaxIterations)
            throw new BackupRejectedException($"this backup's key derivation asks for {iterations} iterations; a RouterOS backup has {BackupKeys.MinIterations} to {BackupKeys.MaxIterations}");
        var salt = Base64(Text(kdf, "salt")) ?? throw new BackupRejectedException("this backup's salt is missing or not base64");
        using var keys = BackupKeys.Derive(passphrase, salt, iterations);
        if (Text(root, "passphraseCheck") is not { } check || !BackupKeys.SameMac(keys.PassphraseCheck, check))
            throw new BackupRejectedException("the passphrase is not the one this backup was made with");
        if (!root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object)
            throw new BackupRejectedException("this backup has no content");
        var raw = Encoding.UTF8.GetBytes(content.GetRawText());
        if (Text(root, "mac") is not { } mac || !BackupKeys.SameMac(keys.Mac(raw), mac))
            throw new BackupRejectedException("this backup was changed after it was made: its content does not match its seal (restore the file exactly as it was downloaded)");
        return ReadContent(root, content, SealedSecretConverter.Context(keys));
    }

    private static byte[] WriteContent(BackupContent content, RouterConfigJsonContext context)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            if (content.RunningRevision is { } running)
                writer.WriteNumber("runningRevision", running);
            else
                writer.WriteNull("runningRevision");
            writer.WritePropertyName("running");
            if (content.Running is { } config)
                JsonSerializer.Serialize(writer, config, context.RouterConfig);
            else
                writer.WriteNullValue();
            writer.WriteStartArray("revisions");
            foreach (var revision in content.Revisions)
            {
                writer.WriteStartObject();
                writer.WriteNumber("number", revision.Number);
                writer.WriteString("createdAt", revision.CreatedAt);
                writer.WriteString("author", revision.Author);
                writer.WriteString("source", revision.Source);
                writer.WriteString("message", revision.Message);
                writer.WriteString("state", revision.State.ToString());
                writer.WriteString("outcome", revision.Outcome);
                writer.WritePropertyName("config");
                JsonSerializer.Serialize(writer, revision.Config, context.RouterConfig);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteNumber("revisionsLeftOut", content.RevisionsLeftOut);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static BackupContent ReadContent(JsonElement root, JsonElement content, RouterConfigJsonContext context)
    {
        var findings = new List<ConfigFinding>();
        RouterConfig? running = null;
        if (content.TryGetProperty("running", out var runningElement) && runningElement.ValueKind != JsonValueKind.Null)
            running = ReadConfig(runningElement, "running", context, findings);
        var revisions = new List<BackupRevision>();
        if (!content.TryGetProperty("revisions", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new BackupRejectedException("this backup has no list of revisions");
        foreach (var item in list.EnumerateArray())
        {
            var number = item.TryGetProperty("number", out var n) && n.TryGetInt64(out var value) && value > 0 ? value
                : throw new BackupRejectedException("a revision in this backup has no number");
            var where = $"revisions[{number}]";
            var state = Enum.TryParse<RevisionState>(Text(item, "state"), out var parsed) ? parsed : throw new BackupRejectedException($"{where} has no known state");
            var created = item.TryGetProperty("createdAt", out var at) && at.TryGetDateTimeOffset(out var time) ? time : throw new BackupRejectedException($"{where} has no time");
            if (!item.TryGetProperty("config", out var config) || ReadConfig(config, where, context, findings) is not { } read)
                continue;
            revisions.Add(new BackupRevision(number, created, Text(item, "author") ?? "unknown", Text(item, "source") ?? "api", Text(item, "message") ?? "", state, Text(item, "outcome"), read));
        }
        if (findings.Count > 0)
            throw new BackupRejectedException($"{findings.Count} configuration problem(s) in this backup; see findings") { Findings = findings };
        var runningNumber = content.TryGetProperty("runningRevision", out var r) && r.TryGetInt64(out var rn) ? rn : (long?)null;
        var leftOut = content.TryGetProperty("revisionsLeftOut", out var left) && left.TryGetInt32(out var leftCount) ? leftCount : 0;
        var createdAt = root.TryGetProperty("createdAt", out var made) && made.TryGetDateTimeOffset(out var madeAt) ? madeAt : DateTimeOffset.MinValue;
        return new BackupContent(createdAt, Text(root, "routerVersion") ?? "unknown", runningNumber, running, revisions, leftOut);
    }

    /// <summary>Reads one configuration (secrets opened) and verifies it; its problems go to <paramref name="findings"/> under <paramref name="where"/>.</summary>
    private static RouterConfig? ReadConfig(JsonElement element, string where, RouterConfigJsonContext context, List<ConfigFinding> findings)
    {
        var result = RouterConfigJson.Read(Encoding.UTF8.GetBytes(element.GetRawText()), context);
        if (result.Config is not { } config)
        {
            var error = result.Error ?? ConfigFinding.Error("", "it cannot be read");
            findings.Add(error with { Path = Join(where, error.Path) });
            return null;
        }
        var verify = ConfigVerifier.Verify(config);
        findings.AddRange(verify.Findings.Where(f => f.Severity == Severity.Error).Select(f => f with { Path = Join(where, f.Path) }));
        return verify.IsValid ? config : null;
    }

    private static string Join(string where, string path) => path.Length == 0 ? where : $"{where}.{path}";

    private static JsonDocument Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new BackupRejectedException($"this is not a RouterOS backup: it is not JSON ({e.Message})");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Base64(string? text)
    {
        if (text is null)
            return null;
        try
        {
            var bytes = Convert.FromBase64String(text);
            return bytes.Length is >= 16 and <= 64 ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    internal static string Stamp(DateTimeOffset at) => at.ToString("u", CultureInfo.InvariantCulture);
}

/// <summary>A backup that cannot be restored, and why; nothing was changed.</summary>
public sealed class BackupRejectedException : Exception
{
    public BackupRejectedException() { }

    public BackupRejectedException(string message) : base(message) { }

    public BackupRejectedException(string message, Exception innerException) : base(message, innerException) { }

    public IReadOnlyList<ConfigFinding> Findings { get; init; } = [];
}

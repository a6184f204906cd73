using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Json;

/// <summary>The outcome of reading a configuration document: the configuration, or the reason it could not be read.</summary>
public sealed record ConfigReadResult(RouterConfig? Config, ConfigFinding? Error)
{
    public bool IsSuccess => Config is not null;
}

/// <summary>
/// Reads and writes a configuration as JSON. Any input, however broken, gives either a configuration
/// or one <see cref="ConfigFinding"/> saying where and what is wrong; reading never throws anything
/// else. (A JSON parser stops at the first syntax error; the semantic checks of verify report all.)
/// </summary>
public static class RouterConfigJson
{
    // The default encoder escapes '+' and non-ASCII text ("filter \u002B 10"); a configuration is
    // read by people and served as application/json, never pasted into HTML, so keep it readable.
    private static readonly RouterConfigJsonContext Context = new(new JsonSerializerOptions(RouterConfigJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    // The same, but secrets come out as a placeholder (a converter in the options wins over the
    // one the Secret type names).
    private static readonly RouterConfigJsonContext RedactedContext = new(new JsonSerializerOptions(RouterConfigJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new RedactedSecretConverter() },
    });

    /// <summary>Metadata for writing with secrets in clear (what the engine needs) or redacted (everything else).</summary>
    public static RouterConfigJsonContext Metadata(bool redactSecrets) => redactSecrets ? RedactedContext : Context;

    public static ConfigReadResult Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    public static ConfigReadResult Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            if (SchemaVersionProbe.Find(utf8Json) is { } version && version != RouterConfig.CurrentSchemaVersion)
                return Failure("schemaVersion", SchemaVersionMismatch(version));
            var config = JsonSerializer.Deserialize(utf8Json, Context.RouterConfig);
            return config is null
                ? Failure("", "the document is null; expected a configuration object")
                : new ConfigReadResult(config, null);
        }
        catch (JsonException e)
        {
            return Failure(JsonErrorPath.Full(e), Describe(e));
        }
    }

    /// <summary>Reads a configuration or throws <see cref="ConfigValidationException"/> with the reason.</summary>
    public static RouterConfig Parse(string json)
    {
        var result = Read(json);
        return result.Config ?? throw new ConfigValidationException(result.Error!.Message, result.Error.Path);
    }

    public static string Write(RouterConfig config) => JsonSerializer.Serialize(config, Context.RouterConfig);

    public static byte[] WriteUtf8(RouterConfig config) => JsonSerializer.SerializeToUtf8Bytes(config, Context.RouterConfig);

    /// <summary>The configuration with every secret replaced by <see cref="RedactedSecretConverter.Placeholder"/>.</summary>
    public static string WriteRedacted(RouterConfig config) => JsonSerializer.Serialize(config, RedactedContext.RouterConfig);

    internal static string SchemaVersionMismatch(long version) => version > RouterConfig.CurrentSchemaVersion
        ? $"this configuration uses schema version {version}, written by a newer RouterOS; this one reads version {RouterConfig.CurrentSchemaVersion}"
        : $"schema version {version} is unknown; this RouterOS reads version {RouterConfig.CurrentSchemaVersion}";

    private static ConfigReadResult Failure(string path, string message) => new(null, ConfigFinding.Error(path, message));

    private static string Describe(JsonException e)
    {
        var message = JsonErrorPath.WithoutLocation(e.Message);
        if (e.LineNumber is { } line && e.BytePositionInLine is { } column)
            message += string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {column + 1})");
        return message;
    }
}

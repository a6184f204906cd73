using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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

    public static ConfigReadResult Read(ReadOnlySpan<byte> utf8Json) => Read(utf8Json, Context);

    /// <summary>Reads with other metadata, e.g. a store's, whose secrets are encrypted at rest.</summary>
    public static ConfigReadResult Read(ReadOnlySpan<byte> utf8Json, RouterConfigJsonContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ProbeSchemaVersion(utf8Json) is { } mismatch)
            return new ConfigReadResult(null, mismatch);
        var (config, error) = ReadItem(utf8Json, context.RouterConfig);
        return new ConfigReadResult(config, error);
    }

    /// <summary>
    /// Reads one object of the model (a port, a bridge, a list of them...) with the same strictness
    /// and error reporting as a whole configuration: the value, or the finding that says what is wrong.
    /// </summary>
    public static (T? Value, ConfigFinding? Error) ReadItem<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        try
        {
            var value = JsonSerializer.Deserialize(utf8Json, typeInfo);
            return value is null ? (default, ConfigFinding.Error("", "the document is null; expected a value")) : (value, null);
        }
        catch (JsonException e)
        {
            return (default, ConfigFinding.Error(JsonErrorPath.Full(e), Describe(e)));
        }
    }

    private static ConfigFinding? ProbeSchemaVersion(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return SchemaVersionProbe.Find(utf8Json) is { } version && version != RouterConfig.CurrentSchemaVersion
                ? ConfigFinding.Error("schemaVersion", SchemaVersionMismatch(version))
                : null;
        }
        catch (JsonException)
        {
            return null; // malformed JSON: the full read reports where
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

    private static string Describe(JsonException e)
    {
        var message = JsonErrorPath.WithoutLocation(e.Message);
        if (e.LineNumber is { } line && e.BytePositionInLine is { } column)
            message += string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {column + 1})");
        return message;
    }
}

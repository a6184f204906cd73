using System.Globalization;
using System.Text;
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
    private static RouterConfigJsonContext Context => RouterConfigJsonContext.Default;

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
            return Failure(ToConfigPath(e.Path), Describe(e));
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

    internal static string SchemaVersionMismatch(long version) => version > RouterConfig.CurrentSchemaVersion
        ? $"this configuration uses schema version {version}, written by a newer RouterOS; this one reads version {RouterConfig.CurrentSchemaVersion}"
        : $"schema version {version} is unknown; this RouterOS reads version {RouterConfig.CurrentSchemaVersion}";

    private static ConfigReadResult Failure(string path, string message) => new(null, ConfigFinding.Error(path, message));

    // "$.bridges[0].ports" -> "bridges[0].ports": the same shape as verify's paths, by index since
    // an object that failed to parse has no name to go by.
    private static string ToConfigPath(string? jsonPath) => jsonPath switch
    {
        null or "$" => "",
        _ when jsonPath.StartsWith("$.", StringComparison.Ordinal) => jsonPath[2..],
        _ => jsonPath.TrimStart('$'),
    };

    private static string Describe(JsonException e)
    {
        // The serializer's own messages end with " Path: ... | LineNumber: ..."; we report those separately.
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut >= 0)
            message = message[..cut];
        if (e.LineNumber is { } line && e.BytePositionInLine is { } column)
            message += string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {column + 1})");
        return message;
    }
}

using System.Text.Json;

namespace RouterOS.Domain.Json;

/// <summary>
/// Finds the top-level "schemaVersion" before the full read, so a document from another schema is
/// reported as such rather than as a list of unknown or missing fields.
/// </summary>
internal static class SchemaVersionProbe
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The version number, or null when absent or not a whole number (the full read reports that).</summary>
    public static long? Find(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isVersion = reader.ValueTextEquals("schemaVersion"u8);
            if (!reader.Read())
                return null;
            if (isVersion)
                return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var version) ? version : null;
            reader.TrySkip();
        }
        return null;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Json;

/// <summary>
/// Writes every <see cref="Secret"/> as <see cref="Placeholder"/>, for output that people or other
/// programs read: API answers, diffs, logs. Reading is refused: redacted output is never input.
/// </summary>
public sealed class RedactedSecretConverter : JsonConverter<Secret>, IScalarJsonShape
{
    public bool IsJsonNumber => false;

    /// <summary>What stands in for a secret in redacted output.</summary>
    public const string Placeholder = "(secret)";

    public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("redacted output cannot be read back");

    public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) => writer.WriteStringValue(Placeholder);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Json;

/// <summary>
/// Reads and writes every validated value type through its own parser, so JSON input passes the
/// same rules as any other input. A rule broken becomes a <see cref="JsonException"/>; the
/// serializer adds the JSON path and position, and RouterConfigJson turns that into
/// a validation error.
/// </summary>
public sealed class ConfigValueConverter<T> : JsonConverter<T>, IScalarJsonShape where T : IConfigValue<T>
{
    public bool IsJsonNumber => T.IsJsonNumber;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when T.IsJsonNumber:
                throw new JsonException("must be a whole number, not text in quotes");
            case JsonTokenType.String:
                var text = reader.GetString();
                return T.TryParse(text, out var parsed, out var parseProblem) ? parsed : throw new JsonException(parseProblem);
            case JsonTokenType.Number:
                if (!reader.TryGetInt64(out var number))
                    throw new JsonException("must be a whole number within range");
                return T.TryFromNumber(number, out var fromNumber, out var numberProblem) ? fromNumber : throw new JsonException(numberProblem);
            default:
                throw new JsonException($"expected a string or a number, found {Describe(reader.TokenType)}");
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => value.WriteJson(writer);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.True or JsonTokenType.False => "true/false",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}

using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// The name of a configuration object that is not a network device: a flowtable, an offload
/// rule, a zone, a firewall rule. It becomes part of nft identifiers (flowtable names, chain names
/// such as "forward_lan"), so it keeps to what nft's scanner reads as one identifier: a letter,
/// then letters, digits, '_' or '-', at most 32 characters.
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<ObjectName>))]
public sealed record ObjectName : IConfigValue<ObjectName>
{
    public const int MaxLength = 32;

    private ObjectName(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out ObjectName value, out string problem)
    {
        if (string.IsNullOrEmpty(text))
            return ConfigValue.Fail(out value, out problem, "a name must not be empty");
        if (text.Length > MaxLength)
            return ConfigValue.Fail(out value, out problem, $"name '{Printable.Escape(text)}' is {text.Length} characters long; the limit is {MaxLength}");
        if (!char.IsAsciiLetter(text[0]) || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            return ConfigValue.Fail(out value, out problem, $"name '{Printable.Escape(text)}' must start with a letter and contain only letters, digits, '_' and '-'");
        return ConfigValue.Ok(new ObjectName(text), out value, out problem);
    }

    public static ObjectName Parse(string? text) => ConfigValue.Parse<ObjectName>(text);

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(Value);

    public override string ToString() => Value;
}

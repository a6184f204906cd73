using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// A short free-text value handed to other programs (a PPP user name, a PPPoE service or access
/// concentrator name, a description): 1 to 255 characters with no control characters, so it can
/// never break a line-oriented file or command of pppd or dnsmasq. 255 is pppd's MAXNAMELEN less one.
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<PlainText>))]
public sealed record PlainText : IConfigValue<PlainText>
{
    public const int MaxLength = 255;

    private PlainText(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out PlainText value, out string problem)
    {
        if (string.IsNullOrEmpty(text))
            return ConfigValue.Fail(out value, out problem, "must not be empty");
        if (text.Length > MaxLength)
            return ConfigValue.Fail(out value, out problem, $"is {text.Length} characters long; the limit is {MaxLength}");
        if (!Printable.IsWellFormed(text) || text.Any(char.IsControl))
            return ConfigValue.Fail(out value, out problem, $"'{Printable.Escape(text)}' contains control characters or broken Unicode");
        return ConfigValue.Ok(new PlainText(text), out value, out problem);
    }

    public static PlainText Parse(string? text) => ConfigValue.Parse<PlainText>(text);

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(Value);

    public override string ToString() => Value;
}

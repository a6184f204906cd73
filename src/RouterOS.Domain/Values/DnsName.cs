using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// A host or domain name: labels of 1-63 letters, digits and '-', not starting or ending with '-',
/// separated by dots, 253 characters at most (RFC 1123 section 2.1, RFC 1035 section 2.3.4).
/// Stored in lower case, since DNS names compare without case.
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<DnsName>))]
public sealed record DnsName : IConfigValue<DnsName>
{
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    private DnsName(string value) => Value = value;

    public string Value { get; }

    /// <summary>A single label ("router"), as a host name on the LAN is.</summary>
    public bool IsSingleLabel => !Value.Contains('.', StringComparison.Ordinal);

    public static bool TryParse(string? text, out DnsName value, out string problem)
    {
        if (string.IsNullOrEmpty(text))
            return ConfigValue.Fail(out value, out problem, "a host or domain name must not be empty");
        if (text.Length > MaxLength)
            return ConfigValue.Fail(out value, out problem, $"name '{Printable.Escape(text)}' is longer than {MaxLength} characters");
        foreach (var label in text.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-'
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return ConfigValue.Fail(out value, out problem,
                    $"'{Printable.Escape(text)}' is not a valid name: each dot-separated part needs 1-{MaxLabelLength} letters, digits or '-', not starting or ending with '-'");
            }
        }
        return ConfigValue.Ok(new DnsName(text.ToLowerInvariant()), out value, out problem);
    }

    public static DnsName Parse(string? text) => ConfigValue.Parse<DnsName>(text);

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(Value);

    public override string ToString() => Value;
}

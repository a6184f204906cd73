using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// A network device name as the kernel accepts it (net/core/dev.c, dev_valid_name): 1 to 15 bytes
/// (IFNAMSIZ is 16 including the terminating NUL, include/uapi/linux/if.h), not "." or "..", and
/// no '/', ':' or whitespace. We also refuse control characters; '%', because the kernel treats a
/// name with '%' as a template ("eth%d") and would pick a different name itself; and the characters
/// that nft, dnsmasq or a shell read as syntax (quotes, ';', '$', '#', braces...), which no real
/// device name uses, so a name can never be read as something else by a tool it is handed to.
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<InterfaceName>))]
public sealed record InterfaceName : IConfigValue<InterfaceName>
{
    /// <summary>IFNAMSIZ (include/uapi/linux/if.h) less the terminating NUL.</summary>
    public const int MaxBytes = 15;

    /// <summary>Characters other tools read as syntax; see the type's summary.</summary>
    private const string SyntaxCharacters = "\"'`;$#&|<>(){}[]*?!\\,";

    // Names are looked up in a dictionary at nearly every step of verify and plan: the hash is
    // computed once, and equality is the name's alone (the type is sealed).
    private readonly int _hash;

    private InterfaceName(string value) => (Value, _hash) = (value, StringComparer.Ordinal.GetHashCode(value));

    public string Value { get; }

    public bool Equals(InterfaceName? other) => ReferenceEquals(this, other) || (other is not null && _hash == other._hash && string.Equals(Value, other.Value, StringComparison.Ordinal));

    public override int GetHashCode() => _hash;

    public static bool TryParse(string? text, out InterfaceName value, out string problem)
    {
        if (string.IsNullOrEmpty(text))
            return ConfigValue.Fail(out value, out problem, "an interface name must not be empty");
        if (text is "." or "..")
            return ConfigValue.Fail(out value, out problem, $"'{text}' is not a valid interface name");
        if (!Printable.IsWellFormed(text))
            return ConfigValue.Fail(out value, out problem, "an interface name must be valid Unicode text");
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxBytes)
            return ConfigValue.Fail(out value, out problem, $"interface name '{text}' is {bytes} bytes long; the kernel allows at most {MaxBytes}");
        foreach (var c in text)
        {
            if (c is '/' or ':' or '%' || char.IsWhiteSpace(c) || char.IsControl(c) || SyntaxCharacters.Contains(c))
                return ConfigValue.Fail(out value, out problem, $"interface name '{Printable.Escape(text)}' contains '{Printable.Escape(c.ToString())}'; names may not contain '/', ':', '%', whitespace, control characters or any of {SyntaxCharacters}");
        }
        return ConfigValue.Ok(new InterfaceName(text), out value, out problem);
    }

    public static InterfaceName Parse(string? text) => ConfigValue.Parse<InterfaceName>(text);

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(Value);

    public override string ToString() => Value;
}

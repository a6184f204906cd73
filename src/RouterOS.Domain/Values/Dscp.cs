using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// A Differentiated Services code point, 0 to 63 (the upper six bits of the IPv4 TOS / IPv6
/// traffic class byte, RFC 2474), given as a number or by its standard name: cs0-cs7 (RFC 2474),
/// af11-af43 (RFC 2597), ef (RFC 3246), va (RFC 5865), le (RFC 8622). nft knows the same names.
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<Dscp>))]
public readonly record struct Dscp : IConfigValue<Dscp>
{
    public const int Max = 63;

    private static readonly FrozenDictionary<string, byte> ByName = new Dictionary<string, byte>
    {
        ["cs0"] = 0,
        ["cs1"] = 8,
        ["cs2"] = 16,
        ["cs3"] = 24,
        ["cs4"] = 32,
        ["cs5"] = 40,
        ["cs6"] = 48,
        ["cs7"] = 56,
        ["af11"] = 10,
        ["af12"] = 12,
        ["af13"] = 14,
        ["af21"] = 18,
        ["af22"] = 20,
        ["af23"] = 22,
        ["af31"] = 26,
        ["af32"] = 28,
        ["af33"] = 30,
        ["af41"] = 34,
        ["af42"] = 36,
        ["af43"] = 38,
        ["ef"] = 46,
        ["va"] = 44,
        ["le"] = 1,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<byte, string> NameOf =
        ByName.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);

    private Dscp(byte value) => Value = value;

    public byte Value { get; }

    /// <summary>The standard name of this code point, or null when it has none.</summary>
    public string? Name => NameOf.GetValueOrDefault(Value);

    public static bool TryFromNumber(long number, out Dscp value, out string problem) =>
        number is >= 0 and <= Max
            ? ConfigValue.Ok(new Dscp((byte)number), out value, out problem)
            : ConfigValue.Fail(out value, out problem, $"DSCP {number} is out of range: use 0 to {Max} or a name such as ef or af41");

    public static bool TryParse(string? text, out Dscp value, out string problem)
    {
        if (text is not null && ByName.TryGetValue(text, out var named))
            return ConfigValue.Ok(new Dscp(named), out value, out problem);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return TryFromNumber(number, out value, out problem);
        return ConfigValue.Fail(out value, out problem, $"'{Printable.Escape(text ?? "")}' is not a DSCP value: use 0 to {Max} or a name such as ef, af41 or cs1");
    }

    public static Dscp Parse(string? text) => ConfigValue.Parse<Dscp>(text);

    public static Dscp From(int number) => ConfigValue.FromNumber<Dscp>(number);

    public void WriteJson(Utf8JsonWriter writer)
    {
        if (Name is { } name)
            writer.WriteStringValue(name);
        else
            writer.WriteNumberValue(Value);
    }

    public override string ToString() => Name ?? Value.ToString(CultureInfo.InvariantCulture);
}

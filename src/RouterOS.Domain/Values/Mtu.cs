using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// A link MTU in bytes: ETH_MIN_MTU (68) to ETH_MAX_MTU (65535), include/uapi/linux/if_ether.h.
/// A driver may allow less than the maximum; the engine reports that when it applies.
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<Mtu>))]
public readonly record struct Mtu : IConfigValue<Mtu>, IComparable<Mtu>
{
    /// <summary>ETH_MIN_MTU, include/uapi/linux/if_ether.h.</summary>
    public const int Min = 68;

    /// <summary>ETH_MAX_MTU, include/uapi/linux/if_ether.h.</summary>
    public const int Max = 65535;

    /// <summary>ETH_DATA_LEN, include/uapi/linux/if_ether.h: what an Ethernet device starts with.</summary>
    public static readonly Mtu EthernetDefault = new(1500);

    /// <summary>IPv6 needs links of at least 1280 bytes (RFC 8200, section 5).</summary>
    public const int Ipv6Minimum = 1280;

    private Mtu(int value) => Value = value;

    public int Value { get; }

    public static bool IsJsonNumber => true;

    public static bool TryFromNumber(long number, out Mtu value, out string problem) =>
        number is >= Min and <= Max
            ? ConfigValue.Ok(new Mtu((int)number), out value, out problem)
            : ConfigValue.Fail(out value, out problem, $"MTU {number} is out of range: use {Min} to {Max}");

    public static bool TryParse(string? text, out Mtu value, out string problem) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? TryFromNumber(number, out value, out problem)
            : ConfigValue.Fail(out value, out problem, $"'{Printable.Escape(text ?? "")}' is not an MTU: use a number of bytes from {Min} to {Max}");

    public static Mtu From(int number) => ConfigValue.FromNumber<Mtu>(number);

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);

    public int CompareTo(Mtu other) => Value.CompareTo(other.Value);

    public static bool operator <(Mtu left, Mtu right) => left.Value < right.Value;
    public static bool operator >(Mtu left, Mtu right) => left.Value > right.Value;
    public static bool operator <=(Mtu left, Mtu right) => left.Value <= right.Value;
    public static bool operator >=(Mtu left, Mtu right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

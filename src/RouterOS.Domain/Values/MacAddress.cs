using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// A unicast Ethernet address, "02:00:5e:10:00:01" (colons or dashes, any case; written back in
/// lower case with colons). A multicast address (lowest bit of the first octet set) or all zeros
/// cannot be a device's own address: the kernel answers EADDRNOTAVAIL (is_valid_ether_addr,
/// include/linux/etherdevice.h).
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<MacAddress>))]
public sealed record MacAddress : IConfigValue<MacAddress>
{
    private const int Octets = 6;

    private MacAddress(string canonical) => Value = canonical;

    /// <summary>Lower case, colon separated.</summary>
    public string Value { get; }

    public static bool TryParse(string? text, out MacAddress value, out string problem)
    {
        var parts = (text ?? "").Split(':', '-');
        if (parts.Length != Octets || parts.Any(p => p.Length != 2 || !p.All(char.IsAsciiHexDigit)))
            return ConfigValue.Fail(out value, out problem, $"'{Printable.Escape(text ?? "")}' is not a MAC address: write six pairs of hex digits, e.g. 02:00:00:00:00:01");
        var octets = parts.Select(p => byte.Parse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
        if ((octets[0] & 1) != 0)
            return ConfigValue.Fail(out value, out problem, $"{text} is a multicast address: a device's own address must be unicast (lowest bit of the first octet clear)");
        if (octets.All(o => o == 0))
            return ConfigValue.Fail(out value, out problem, "00:00:00:00:00:00 is not a usable device address");
        return ConfigValue.Ok(new MacAddress(string.Join(':', octets.Select(o => o.ToString("x2", CultureInfo.InvariantCulture)))), out value, out problem);
    }

    public static MacAddress Parse(string? text) => ConfigValue.Parse<MacAddress>(text);

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(Value);

    public override string ToString() => Value;
}

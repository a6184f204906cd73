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
    /// <summary>ETH_ALEN, include/uapi/linux/if_ether.h.</summary>
    private const int Octets = 6;

    // The six octets as one number, first octet highest: compared and hashed as a number, and
    // written to netlink as bytes, so the text form is only for people and JSON.
    private readonly ulong _octets;

    private MacAddress(ulong octets) => (_octets, Value) = (octets, Format(octets));

    /// <summary>Lower case, colon separated.</summary>
    public string Value { get; }

    public static bool TryParse(string? text, out MacAddress value, out string problem)
    {
        var parts = (text ?? "").Split(':', '-');
        if (parts.Length != Octets || parts.Any(p => p.Length != 2 || !p.All(char.IsAsciiHexDigit)))
            return ConfigValue.Fail(out value, out problem, $"'{Printable.Escape(text ?? "")}' is not a MAC address: write six pairs of hex digits, e.g. 02:00:00:00:00:01");
        ulong octets = 0;
        foreach (var part in parts)
            octets = (octets << 8) | byte.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return TryFrom(octets, text!, out value, out problem);
    }

    /// <summary>
    /// From the six octets as the kernel gives them (IFLA_ADDRESS), by the same rules as text:
    /// a device's address that no configuration could give (loopback's all zeros) is refused.
    /// </summary>
    public static bool TryFromOctets(ReadOnlySpan<byte> octets, out MacAddress value, out string problem)
    {
        if (octets.Length != Octets)
            return ConfigValue.Fail(out value, out problem, $"a MAC address has {Octets} octets, not {octets.Length}");
        ulong bits = 0;
        foreach (var octet in octets)
            bits = (bits << 8) | octet;
        return TryFrom(bits, text: null, out value, out problem);
    }

    public static MacAddress Parse(string? text) => ConfigValue.Parse<MacAddress>(text);

    /// <summary>The six octets, for the kernel (IFLA_ADDRESS).</summary>
    public byte[] ToOctets()
    {
        var octets = new byte[Octets];
        for (var i = 0; i < Octets; i++)
            octets[i] = (byte)(_octets >> (8 * (Octets - 1 - i)));
        return octets;
    }

    public bool Equals(MacAddress? other) => other is not null && _octets == other._octets;

    public override int GetHashCode() => _octets.GetHashCode();

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(Value);

    public override string ToString() => Value;

    /// <param name="text">As the input wrote it, to echo back; null: in the canonical form.</param>
    private static bool TryFrom(ulong octets, string? text, out MacAddress value, out string problem)
    {
        const ulong multicastBit = 1UL << (8 * (Octets - 1));
        if ((octets & multicastBit) != 0)
            return ConfigValue.Fail(out value, out problem, $"{text ?? Format(octets)} is a multicast address: a device's own address must be unicast (lowest bit of the first octet clear)");
        if (octets == 0)
            return ConfigValue.Fail(out value, out problem, "00:00:00:00:00:00 is not a usable device address");
        return ConfigValue.Ok(new MacAddress(octets), out value, out problem);
    }

    private static string Format(ulong octets) => string.Create(Octets * 3 - 1, octets, static (text, bits) =>
    {
        for (var i = 0; i < Octets; i++)
        {
            if (i > 0)
                text[i * 3 - 1] = ':';
            ((byte)(bits >> (8 * (Octets - 1 - i)))).TryFormat(text[(i * 3)..], out _, "x2", CultureInfo.InvariantCulture);
        }
    });
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>IPv4 or IPv6, as the kernel's address families name them.</summary>
public enum IpFamily
{
    Ipv4,
    Ipv6,
}

/// <summary>
/// An IPv4 or IPv6 address in its plain written form. Stricter than <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>:
/// IPv4 must be four decimal parts without leading zeros (inet_aton would read "010" as octal 8,
/// and "10.1" as 10.0.0.1), and IPv6 may not carry a zone ("%eth0") since a configuration names
/// the device separately.
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<IpAddress>))]
public sealed record IpAddress : IConfigValue<IpAddress>
{
    private IpAddress(IPAddress address) => Address = address;

    /// <summary>The parsed address. Treat it as read-only: it is shared, not copied.</summary>
    public IPAddress Address { get; }

    public IpFamily Family => Address.AddressFamily == AddressFamily.InterNetwork ? IpFamily.Ipv4 : IpFamily.Ipv6;

    /// <summary>Bits in an address of this family: 32 or 128.</summary>
    public int BitLength => Family == IpFamily.Ipv4 ? 32 : 128;

    /// <summary>The address as an unsigned number, for prefix arithmetic.</summary>
    public UInt128 Bits
    {
        get
        {
            Span<byte> bytes = stackalloc byte[16];
            Address.TryWriteBytes(bytes, out var written);
            UInt128 bits = 0;
            foreach (var b in bytes[..written])
                bits = (bits << 8) | b;
            return bits;
        }
    }

    public static IpAddress FromBits(UInt128 bits, IpFamily family)
    {
        var length = family == IpFamily.Ipv4 ? 4 : 16;
        var bytes = new byte[length];
        for (var i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(bits & 0xff);
            bits >>= 8;
        }
        return new IpAddress(new IPAddress(bytes));
    }

    /// <summary>
    /// An address already in binary form, as the kernel reports it: IPv4 or IPv6, and without a
    /// zone, as from text. Shared, not copied: the caller must not change it afterwards.
    /// </summary>
    public static IpAddress From(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            throw new ArgumentException($"{address.AddressFamily} is not IPv4 or IPv6", nameof(address));
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
            throw new ArgumentException($"{address} carries a zone: an address here names its device separately", nameof(address));
        return new IpAddress(address);
    }

    public static bool TryParse(string? text, out IpAddress value, out string problem)
    {
        var parsed = text is null ? null : text.Contains(':', StringComparison.Ordinal) ? ParseIpv6(text) : ParseIpv4(text);
        return parsed is null
            ? ConfigValue.Fail(out value, out problem, $"'{Printable.Escape(text ?? "")}' is not an IP address: write IPv4 as four numbers 0-255 (192.0.2.1) or IPv6 as 2001:db8::1")
            : ConfigValue.Ok(new IpAddress(parsed), out value, out problem);
    }

    public static IpAddress Parse(string? text) => ConfigValue.Parse<IpAddress>(text);

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(ToString());

    public override string ToString() => Address.ToString();

    private static IPAddress? ParseIpv4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
            return null;
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || part.Length > 1 && part[0] == '0')
                return null;
            var number = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (number > 255)
                return null;
            bytes[i] = (byte)number;
        }
        return new IPAddress(bytes);
    }

    private static IPAddress? ParseIpv6(string text)
    {
        if (text.Length > 45 || !text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'))
            return null;
        return IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? address : null;
    }
}

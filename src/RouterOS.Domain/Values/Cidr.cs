using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// A network prefix: an address whose bits past the prefix length are all zero, "10.0.0.0/8" or
/// "2001:db8::/32". A bare address means that one host (/32 or /128). Host bits set is an error,
/// as the kernel refuses such a route ("Invalid prefix for given prefix length").
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<Cidr>))]
public sealed record Cidr : IConfigValue<Cidr>
{
    private Cidr(IpAddress network, int prefixLength) => (Network, PrefixLength) = (network, prefixLength);

    public IpAddress Network { get; }
    public int PrefixLength { get; }
    public IpFamily Family => Network.Family;

    /// <summary>0.0.0.0/0 or ::/0: everything, as a default route's destination.</summary>
    public bool IsDefault => PrefixLength == 0;

    public bool Contains(IpAddress address) =>
        address.Family == Family && (address.Bits & Mask(PrefixLength, Network.BitLength)) == Network.Bits;

    public bool Contains(Cidr other) => other.PrefixLength >= PrefixLength && Contains(other.Network);

    public bool Overlaps(Cidr other) => Contains(other) || other.Contains(this);

    /// <summary>The highest address in the prefix (its broadcast address, for IPv4 networks).</summary>
    public IpAddress LastAddress
    {
        get
        {
            var hostBits = Mask(Network.BitLength, Network.BitLength) & ~Mask(PrefixLength, Network.BitLength);
            return IpAddress.FromBits(Network.Bits | hostBits, Family);
        }
    }

    public static Cidr Of(IpAddress address, int prefixLength)
    {
        var masked = IpAddress.FromBits(address.Bits & Mask(prefixLength, address.BitLength), address.Family);
        return new Cidr(masked, prefixLength);
    }

    public static bool TryParse(string? text, out Cidr value, out string problem)
    {
        var slash = (text ?? "").IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text![..slash];
        if (!IpAddress.TryParse(addressText, out var address, out _))
            return ConfigValue.Fail(out value, out problem, $"'{Printable.Escape(text ?? "")}' is not a network: write it as 192.0.2.0/24 or 2001:db8::/32");
        var prefix = address.BitLength;
        if (slash >= 0 && !PrefixLengthParser.TryParse(text![(slash + 1)..], address.BitLength, out prefix, out problem))
            return ConfigValue.Fail(out value, out problem, problem);
        var network = Of(address, prefix);
        if (!network.Network.Equals(address))
            return ConfigValue.Fail(out value, out problem, $"'{text}' has host bits set: the network is {network}");
        return ConfigValue.Ok(network, out value, out problem);
    }

    public static Cidr Parse(string? text) => ConfigValue.Parse<Cidr>(text);

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(ToString());

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Network}/{PrefixLength}");

    internal static UInt128 Mask(int prefixLength, int bitLength) =>
        prefixLength == 0 ? 0 : (UInt128.MaxValue << (128 - prefixLength)) >> (128 - bitLength);
}

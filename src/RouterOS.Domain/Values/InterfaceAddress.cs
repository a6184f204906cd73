using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// An address assigned to a device together with its subnet's prefix length, "192.168.1.1/24"
/// (what `ip address add` takes). The prefix is required: a router that guesses it gets routing wrong.
/// For IPv4 subnets of /30 and wider the subnet's network and broadcast addresses are refused,
/// since no host may use them (RFC 919; /31 and /32 have neither, RFC 3021).
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<InterfaceAddress>))]
public sealed record InterfaceAddress : IConfigValue<InterfaceAddress>
{
    private InterfaceAddress(IpAddress address, int prefixLength) => (Address, PrefixLength) = (address, prefixLength);

    public IpAddress Address { get; }
    public int PrefixLength { get; }
    public IpFamily Family => Address.Family;

    /// <summary>The subnet this address makes directly reachable.</summary>
    public Cidr Subnet => Cidr.Of(Address, PrefixLength);

    /// <summary>
    /// An address as the kernel holds it on a device. Only the prefix length is checked: the
    /// kernel also takes a subnet's network or broadcast address (`ip address add 192.0.2.0/24`),
    /// which <see cref="TryParse"/> refuses in a configuration, and the engine must still see
    /// such an address to remove it when it is its own.
    /// </summary>
    public static InterfaceAddress Of(IpAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, address.BitLength);
        return new InterfaceAddress(address, prefixLength);
    }

    public static bool TryParse(string? text, out InterfaceAddress value, out string problem)
    {
        var slash = (text ?? "").IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return ConfigValue.Fail(out value, out problem, $"'{Printable.Escape(text ?? "")}' needs a prefix length: write it as 192.168.1.1/24 or 2001:db8::1/64");
        if (!IpAddress.TryParse(text![..slash], out var address, out problem))
            return ConfigValue.Fail(out value, out problem, problem);
        if (!PrefixLengthParser.TryParse(text[(slash + 1)..], address.BitLength, out var prefix, out problem))
            return ConfigValue.Fail(out value, out problem, problem);
        if (address.Family == IpFamily.Ipv4 && prefix <= 30)
        {
            var subnet = Cidr.Of(address, prefix);
            var broadcast = subnet.Network.Bits | (~Cidr.Mask(prefix, 32) & uint.MaxValue);
            if (address.Bits == subnet.Network.Bits)
                return ConfigValue.Fail(out value, out problem, $"{address} is the network address of {subnet}: pick a host address in it");
            if (address.Bits == broadcast)
                return ConfigValue.Fail(out value, out problem, $"{address} is the broadcast address of {subnet}: pick a host address in it");
        }
        return ConfigValue.Ok(new InterfaceAddress(address, prefix), out value, out problem);
    }

    public static InterfaceAddress Parse(string? text) => ConfigValue.Parse<InterfaceAddress>(text);

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(ToString());

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Address}/{PrefixLength}");
}

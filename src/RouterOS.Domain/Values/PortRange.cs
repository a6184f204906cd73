using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// A TCP/UDP port or an inclusive range of them, 1 to 65535: "443", 443 or "8000-8080".
/// Port 0 is not a destination a flow can have.
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<PortRange>))]
public readonly record struct PortRange : IConfigValue<PortRange>
{
    public const int MinPort = 1;
    public const int MaxPort = 65535;

    private PortRange(ushort first, ushort last) => (First, Last) = (first, last);

    public ushort First { get; }
    public ushort Last { get; }

    public bool IsSinglePort => First == Last;

    public bool Contains(PortRange other) => First <= other.First && other.Last <= Last;

    public bool Overlaps(PortRange other) => First <= other.Last && other.First <= Last;

    public static bool TryFromNumber(long number, out PortRange value, out string problem) =>
        number is >= MinPort and <= MaxPort
            ? ConfigValue.Ok(new PortRange((ushort)number, (ushort)number), out value, out problem)
            : ConfigValue.Fail(out value, out problem, $"port {number} is out of range: use {MinPort} to {MaxPort}");

    public static bool TryParse(string? text, out PortRange value, out string problem)
    {
        var parts = (text ?? "").Split('-');
        if (parts.Length is < 1 or > 2 || !parts.All(IsDigits))
            return ConfigValue.Fail(out value, out problem, $"'{Printable.Escape(text ?? "")}' is not a port or port range: use e.g. 443 or 8000-8080");
        if (!TryFromNumber(ParseDigits(parts[0]), out var first, out problem))
            return ConfigValue.Fail(out value, out _, problem);
        if (parts.Length == 1)
            return ConfigValue.Ok(first, out value, out problem);
        if (!TryFromNumber(ParseDigits(parts[1]), out var last, out problem))
            return ConfigValue.Fail(out value, out _, problem);
        if (last.First < first.First)
            return ConfigValue.Fail(out value, out problem, $"port range '{text}' runs backwards: write the lower port first");
        return ConfigValue.Ok(new PortRange(first.First, last.First), out value, out problem);
    }

    public static PortRange Parse(string? text) => ConfigValue.Parse<PortRange>(text);

    public static PortRange OfPort(int port) => ConfigValue.FromNumber<PortRange>(port);

    public void WriteJson(Utf8JsonWriter writer)
    {
        if (IsSinglePort)
            writer.WriteNumberValue(First);
        else
            writer.WriteStringValue(ToString());
    }

    public override string ToString() => IsSinglePort
        ? First.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");

    // 18 digits always fit a long, so longer numbers are refused here and shorter ones by range.
    private static bool IsDigits(string part) => part.Length is > 0 and <= 18 && part.All(char.IsAsciiDigit);

    private static long ParseDigits(string digits) => long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}

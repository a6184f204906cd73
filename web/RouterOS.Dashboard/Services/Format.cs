using System.Globalization;
using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>Numbers as an administrator reads them.</summary>
public static class Format
{
    // SI prefixes, as network rates are given (1 kbit/s = 1000 bit/s); "kB" with a small k.
    private static readonly string[] Prefixes = ["", "k", "M", "G", "T"];

    /// <summary>A size: "950 B", "1.3 kB", "25 MB".</summary>
    public static string Bytes(double bytes) => Scaled(bytes, "B");

    /// <summary>A rate given in bytes per second (as the engine counts), shown in bits: "11.1 Mbit/s".</summary>
    public static string Rate(double bytesPerSecond) => Bits(bytesPerSecond * 8);

    /// <summary>A rate in bits per second: "0 bit/s", "800 kbit/s", "11.1 Mbit/s".</summary>
    public static string Bits(double bitsPerSecond) => Scaled(bitsPerSecond, "bit") + "/s";

    /// <summary>A count: exact below ten thousand ("9,999"), then "12.3k", "1.2M".</summary>
    public static string Count(double count)
    {
        if (Math.Abs(count) < 10_000)
            return count.ToString("#,0", CultureInfo.InvariantCulture);
        var scaled = Scaled(count, "");
        return scaled.Replace(" ", "", StringComparison.Ordinal);
    }

    private static string Scaled(double value, string unit)
    {
        var prefix = 0;
        while (Math.Abs(value) >= 999.95 && prefix < Prefixes.Length - 1)
        {
            value /= 1000;
            prefix++;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {Prefixes[prefix]}{unit}");
    }

    /// <summary>
    /// A flow's protocol by name: the engine names the common ones and sends any other as its
    /// number ("2"), which <see cref="IpProtocols"/> names ("igmp") where it can.
    /// </summary>
    public static string Protocol(int number, string? name) =>
        string.IsNullOrEmpty(name) || name.All(char.IsAsciiDigit) ? IpProtocols.Name(number) : name;

    /// <summary>
    /// The router's messages are clauses ("nothing was written: the bundle is not signed"), written
    /// to follow a label on the console and in the API: on a page they stand as sentences.
    /// </summary>
    public static string Sentence(string clause, bool capitalize = true)
    {
        var text = clause.Trim();
        if (text.Length == 0)
            return text;
        if (capitalize)
            text = char.ToUpperInvariant(text[0]) + text[1..];
        return text[^1] is '.' or '!' or '?' ? text : text + ".";
    }

    /// <summary>
    /// A flow's translations in plain words: a port forward as the outside address and port the
    /// connection asked for and the inside host and port it went to; source NAT as the client's
    /// address and port and what it left the router as. Empty when nothing was translated.
    /// </summary>
    public static string Translations(FlowView flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var parts = new List<string>(2);
        if (flow.DestinationNat is { } inside)
            parts.Add($"forwarded {Endpoint(flow.Original.Destination, flow.Original.DestinationPort)} → {inside}");
        if (flow.SourceNat is { } outside)
            parts.Add($"sent as {outside}");
        return string.Join("; ", parts);
    }

    public static string Endpoint(string address, int port) =>
        port == 0 ? address : address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:{port}" : string.Create(CultureInfo.InvariantCulture, $"{address}:{port}");
}

using System.Globalization;
using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>Numbers as an administrator reads them.</summary>
public static class Format
{
    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB"];

    public static string Bytes(double bytes)
    {
        var unit = 0;
        while (bytes >= 1000 && unit < Units.Length - 1)
        {
            bytes /= 1000;
            unit++;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{bytes:0.#} {Units[unit]}");
    }

    public static string Rate(double bytesPerSecond) => string.Create(CultureInfo.InvariantCulture, $"{Bytes(bytesPerSecond * 8).Replace("B", "bit", StringComparison.Ordinal)}/s");

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

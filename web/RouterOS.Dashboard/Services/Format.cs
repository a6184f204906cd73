using System.Globalization;

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

    public static string Endpoint(string address, int port) =>
        port == 0 ? address : address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:{port}" : string.Create(CultureInfo.InvariantCulture, $"{address}:{port}");
}

using System.Text.Json;

namespace RouterOS.Engine.Nft;

/// <summary>One firewall rule's counter as the kernel has it, with the rule's configuration path.</summary>
/// <param name="Path">The rule's path, e.g. "firewall.portForwards[web]".</param>
public sealed record RuleCounterReading(string Path, ulong Packets, ulong Bytes);

/// <summary>
/// Reads the rules' named counters out of libnftables' JSON (`list counters table inet routeros`):
/// {"nftables": [{"metainfo": ...}, {"counter": {"name": ..., "packets": N, "bytes": N}}, ...]}.
/// Only counters of our table that a rule of the configuration owns are kept; anything else in
/// the listing, or a listing that is not that shape, is left out rather than trusted.
/// </summary>
public static class RuleCounterReader
{
    /// <summary>The command that lists them: our table's counter objects only.</summary>
    public static string Command => $"list counters table {RulesetText.Family} {RulesetText.Name}";

    public static IReadOnlyList<RuleCounterReading> Read(string json, IReadOnlyDictionary<string, string> pathsByName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(pathsByName);
        var readings = new List<RuleCounterReading>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return readings;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("nftables", out var items)
                || items.ValueKind != JsonValueKind.Array)
            {
                return readings;
            }
            foreach (var item in items.EnumerateArray())
            {
                if (Counter(item) is { } reading && pathsByName.TryGetValue(reading.Name, out var path))
                    readings.Add(new RuleCounterReading(path, reading.Packets, reading.Bytes));
            }
        }
        return readings;
    }

    private static (string Name, ulong Packets, ulong Bytes)? Counter(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("counter", out var counter) || counter.ValueKind != JsonValueKind.Object)
            return null;
        if (!IsString(counter, "table", RulesetText.Name) || !IsString(counter, "family", RulesetText.Family))
            return null;
        if (!counter.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            return null;
        if (!counter.TryGetProperty("packets", out var packets) || !packets.TryGetUInt64(out var packetCount)
            || !counter.TryGetProperty("bytes", out var bytes) || !bytes.TryGetUInt64(out var byteCount))
            return null;
        return (name.GetString()!, packetCount, byteCount);
    }

    private static bool IsString(JsonElement element, string property, string expected) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.ValueEquals(expected);
}

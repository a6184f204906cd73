using System.Text.Json;
using RouterOS.Engine.Firmware.Ports;

namespace RouterOS.Engine.Firmware;

/// <summary>
/// Reads `rauc status --detailed --output-format=json` (RAUC 1.8): {"compatible", "booted" (a bootname),
/// "boot_primary" (a slot name), "slots": [{"rootfs.0": {"bootname", "state", "boot_status",
/// "slot_status": {"bundle": {"version"}}}}, ...]}. Samples: tests/RouterOS.Engine.Tests/Firmware/Samples.
/// </summary>
public static class RaucStatusJson
{
    /// <exception cref="DeviceCommandException">Not what RAUC writes.</exception>
    public static SlotsStatus Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var slots = new List<SlotInfo>();
            foreach (var entry in root.GetProperty("slots").EnumerateArray())
            {
                foreach (var slot in entry.EnumerateObject())
                {
                    var value = slot.Value;
                    var version = value.TryGetProperty("slot_status", out var status) && status.TryGetProperty("bundle", out var bundle) ? Text(bundle, "version") : null;
                    slots.Add(new SlotInfo(slot.Name, Text(value, "bootname"), Text(value, "state") ?? "unknown", version, Text(value, "boot_status")));
                }
            }
            // RAUC lists slots in its own hash order; A before B reads better.
            slots.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return new SlotsStatus(Text(root, "compatible") ?? "", Text(root, "booted"), Text(root, "boot_primary"), slots);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new DeviceCommandException($"rauc status answered something that is not its JSON status: {e.Message}", e);
        }
    }

    /// <summary>A string member, null when absent, null or empty.</summary>
    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text : null;
}

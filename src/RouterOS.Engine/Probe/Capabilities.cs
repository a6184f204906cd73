namespace RouterOS.Engine.Probe;

/// <summary>What this kernel can do, as probed (never assumed).</summary>
/// <param name="HardwareOffload">Per real device probed: can it take `flags offload`?</param>
/// <param name="Notes">What is missing, in plain words.</param>
public sealed record Capabilities(
    bool Flowtable,
    bool Vlan8021Q,
    bool BridgeVlanFiltering,
    bool Ppp,
    IReadOnlyDictionary<string, bool> HardwareOffload,
    IReadOnlyList<string> Notes)
{
    /// <summary>For unit tests of plans: a kernel that has everything.</summary>
    public static Capabilities Full { get; } = new(true, true, true, true, new Dictionary<string, bool>(), []);

    public static string NoHardwareOffload(string device) =>
        $"no hardware flow offload on {device}: the software fast path will be used";
}

using System.Text.Json.Serialization;

namespace RouterOS.Engine.Probe;

/// <summary>What `RouterOS.Engine probe` prints: the kernel's capabilities as the lab script reads them with jq.</summary>
public sealed record ProbeReport(bool Flowtable, bool Vlan8021q, bool BridgeVlanFiltering, bool Ppp, IReadOnlyList<string> Notes)
{
    public static ProbeReport Of(Capabilities capabilities) => new(
        capabilities.Flowtable, capabilities.Vlan8021Q, capabilities.BridgeVlanFiltering, capabilities.Ppp, capabilities.Notes);
}

/// <summary>Source-generated, so the trimmed engine of the device image keeps what it prints.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ProbeReport))]
internal sealed partial class ProbeJson : JsonSerializerContext;

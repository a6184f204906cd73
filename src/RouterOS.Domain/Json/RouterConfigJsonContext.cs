using System.Text.Json.Serialization;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Json;

/// <summary>
/// Source-generated JSON metadata for the configuration. Strict on input: unknown fields,
/// duplicate fields, missing required fields and null where a value is required are all errors,
/// so a typo in a configuration file is reported instead of silently ignored.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(RouterConfig))]
[JsonSerializable(typeof(VerifyResult))]
// List items: EquatableArray's converter asks the options for its item type's metadata, so each
// item type must be listed here too (the round-trip property test fails if one is missing).
[JsonSerializable(typeof(Port))]
[JsonSerializable(typeof(Bridge))]
[JsonSerializable(typeof(BridgePort))]
[JsonSerializable(typeof(BridgeVlan))]
[JsonSerializable(typeof(VlanDevice))]
[JsonSerializable(typeof(PppoeUplink))]
[JsonSerializable(typeof(AddressAssignment))]
[JsonSerializable(typeof(StaticRoute))]
[JsonSerializable(typeof(DhcpClient))]
[JsonSerializable(typeof(DhcpServer))]
[JsonSerializable(typeof(StaticLease))]
[JsonSerializable(typeof(Flowtable))]
[JsonSerializable(typeof(OffloadRule))]
[JsonSerializable(typeof(Zone))]
[JsonSerializable(typeof(ZoneForwarding))]
[JsonSerializable(typeof(InputRule))]
[JsonSerializable(typeof(PortForward))]
[JsonSerializable(typeof(SourceNatRule))]
[JsonSerializable(typeof(ForwardRule))]
[JsonSerializable(typeof(FirewallDefaults))]
[JsonSerializable(typeof(IcmpType))]
[JsonSerializable(typeof(TrafficShaper))]
[JsonSerializable(typeof(Ipv6Settings))]
[JsonSerializable(typeof(Dhcpv6Client))]
[JsonSerializable(typeof(StaticPrefix))]
[JsonSerializable(typeof(LanIpv6))]
[JsonSerializable(typeof(ConfigFinding))]
[JsonSerializable(typeof(SystemSettings))]
[JsonSerializable(typeof(DnsSettings))]
[JsonSerializable(typeof(DnsHost))]
[JsonSerializable(typeof(Diff.ConfigChange))]
[JsonSerializable(typeof(EquatableArray<Diff.ConfigChange>))]
[JsonSerializable(typeof(InterfaceName))]
[JsonSerializable(typeof(IpAddress))]
[JsonSerializable(typeof(PortRange))]
// Whole lists, as the API reads and writes one list of the candidate at a time.
[JsonSerializable(typeof(EquatableArray<Port>))]
[JsonSerializable(typeof(EquatableArray<Dhcpv6Client>))]
[JsonSerializable(typeof(EquatableArray<StaticPrefix>))]
[JsonSerializable(typeof(EquatableArray<LanIpv6>))]
[JsonSerializable(typeof(EquatableArray<Bridge>))]
[JsonSerializable(typeof(EquatableArray<VlanDevice>))]
[JsonSerializable(typeof(EquatableArray<PppoeUplink>))]
[JsonSerializable(typeof(EquatableArray<AddressAssignment>))]
[JsonSerializable(typeof(EquatableArray<StaticRoute>))]
[JsonSerializable(typeof(EquatableArray<DhcpClient>))]
[JsonSerializable(typeof(EquatableArray<DhcpServer>))]
[JsonSerializable(typeof(EquatableArray<Flowtable>))]
[JsonSerializable(typeof(EquatableArray<OffloadRule>))]
[JsonSerializable(typeof(EquatableArray<Zone>))]
[JsonSerializable(typeof(EquatableArray<ZoneForwarding>))]
[JsonSerializable(typeof(EquatableArray<InputRule>))]
[JsonSerializable(typeof(EquatableArray<PortForward>))]
[JsonSerializable(typeof(EquatableArray<SourceNatRule>))]
[JsonSerializable(typeof(EquatableArray<ForwardRule>))]
[JsonSerializable(typeof(EquatableArray<TrafficShaper>))]
public sealed partial class RouterConfigJsonContext : JsonSerializerContext;

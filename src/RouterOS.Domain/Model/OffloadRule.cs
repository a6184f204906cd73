using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>What an offload rule does with the forwarded flows it matches.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OffloadAction>))]
public enum OffloadAction
{
    /// <summary>`flow add @flowtable`: established flows take the fast path.</summary>
    [JsonStringEnumMemberName("offload")] Offload,

    /// <summary>Never offload (e.g. a host whose traffic is shaped or inspected); later rules are not consulted.</summary>
    [JsonStringEnumMemberName("never")] Never,
}

/// <summary>The transport protocol a rule matches. Only TCP and UDP can be offloaded.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<L4Protocol>))]
public enum L4Protocol
{
    [JsonStringEnumMemberName("any")] Any,
    [JsonStringEnumMemberName("tcp")] Tcp,
    [JsonStringEnumMemberName("udp")] Udp,
}

/// <summary>
/// One entry of the ordered offload policy. The first rule that matches a forwarded flow decides;
/// a flow that no rule matches stays on the classic path. Every condition left out matches anything.
/// </summary>
/// <param name="Flowtable">The flowtable to offload into; required for <see cref="OffloadAction.Offload"/>, absent for <see cref="OffloadAction.Never"/>.</param>
public sealed record OffloadRule(
    ObjectName Name,
    OffloadAction Action,
    ObjectName? Flowtable = null,
    OffloadMatch? Match = null,
    bool Enabled = true,
    PlainText? Description = null)
{
    [JsonIgnore]
    public OffloadMatch MatchOrDefault => Match ?? OffloadMatch.Anything;
}

/// <summary>The conditions of an offload rule; all given ones must hold.</summary>
/// <param name="DestinationPorts">Any of these ports or ranges; needs protocol tcp or udp.</param>
public sealed record OffloadMatch(
    L4Protocol Protocol = L4Protocol.Any,
    InterfaceName? InputInterface = null,
    InterfaceName? OutputInterface = null,
    Cidr? Source = null,
    Cidr? Destination = null,
    EquatableArray<PortRange> DestinationPorts = default,
    Dscp? Dscp = null)
{
    public static OffloadMatch Anything { get; } = new();
}

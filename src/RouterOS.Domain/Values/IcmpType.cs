using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// An ICMP or ICMPv6 message type by the name nft gives it ("echo-request", "packet-too-big").
/// Some names exist in both protocols (echo-request, destination-unreachable); whether a name fits
/// a rule's protocol is checked by verify, which knows the protocol.
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<IcmpType>))]
public sealed record IcmpType : IConfigValue<IcmpType>
{
    /// <summary>ICMP types nft names (RFC 792, RFC 950; include/linux/icmp.h).</summary>
    private static readonly FrozenSet<string> Icmp = FrozenSet.ToFrozenSet(
    [
        "echo-reply", "destination-unreachable", "source-quench", "redirect", "echo-request",
        "router-advertisement", "router-solicitation", "time-exceeded", "parameter-problem",
        "timestamp-request", "timestamp-reply", "info-request", "info-reply",
        "address-mask-request", "address-mask-reply",
    ]);

    /// <summary>ICMPv6 types nft names (RFC 4443, RFC 4861, RFC 3810; include/linux/icmpv6.h).</summary>
    private static readonly FrozenSet<string> Icmpv6 = FrozenSet.ToFrozenSet(
    [
        "destination-unreachable", "packet-too-big", "time-exceeded", "parameter-problem",
        "echo-request", "echo-reply", "mld-listener-query", "mld-listener-report", "mld-listener-done",
        "nd-router-solicit", "nd-router-advert", "nd-neighbor-solicit", "nd-neighbor-advert",
        "nd-redirect", "router-renumbering", "ind-neighbor-solicit", "ind-neighbor-advert",
        "mld2-listener-report",
    ]);

    private IcmpType(string name) => Name = name;

    public string Name { get; }

    /// <summary>True when ICMP (IPv4) has a type of this name.</summary>
    public bool IsIcmp => Icmp.Contains(Name);

    /// <summary>True when ICMPv6 has a type of this name.</summary>
    public bool IsIcmpv6 => Icmpv6.Contains(Name);

    public static bool TryParse(string? text, out IcmpType value, out string problem)
    {
        var name = text?.ToLowerInvariant();
        if (name is not null && (Icmp.Contains(name) || Icmpv6.Contains(name)))
            return ConfigValue.Ok(new IcmpType(name), out value, out problem);
        return ConfigValue.Fail(out value, out problem, $"'{Printable.Escape(text ?? "")}' is not an ICMP type: use a name such as echo-request, destination-unreachable, time-exceeded or packet-too-big");
    }

    public static IcmpType Parse(string? text) => ConfigValue.Parse<IcmpType>(text);

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(Name);

    public override string ToString() => Name;
}

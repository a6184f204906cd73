using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>The protocol a forward rule matches.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RuleProtocol>))]
public enum RuleProtocol
{
    [JsonStringEnumMemberName("any")] Any,
    [JsonStringEnumMemberName("tcp")] Tcp,
    [JsonStringEnumMemberName("udp")] Udp,

    /// <summary>ICMP for IPv4.</summary>
    [JsonStringEnumMemberName("icmp")] Icmp,

    /// <summary>ICMPv6.</summary>
    [JsonStringEnumMemberName("icmpv6")] Icmpv6,
}

/// <summary>What a forward rule does with the new connections it matches.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RuleAction>))]
public enum RuleAction
{
    [JsonStringEnumMemberName("accept")] Accept,

    /// <summary>Silently discard.</summary>
    [JsonStringEnumMemberName("drop")] Drop,

    /// <summary>Answer with a TCP reset or ICMP unreachable.</summary>
    [JsonStringEnumMemberName("reject")] Reject,
}

/// <summary>
/// One forward rule, in the spirit of fw4's traffic rules: they are evaluated in order, after
/// replies of known connections pass and before port forwards and zone forwardings, and the
/// first one that matches a new connection decides. Every condition left out matches anything.
/// </summary>
/// <param name="From">The zone the traffic comes from; any zone when not set.</param>
/// <param name="To">The zone the traffic goes to; any zone when not set.</param>
/// <param name="Ports">Destination ports or ranges; needs protocol tcp or udp.</param>
/// <param name="IcmpTypes">ICMP types; needs protocol icmp or icmpv6.</param>
/// <param name="SetDscp">A DSCP value to mark every packet of the rule's direction with (accepted traffic only).</param>
/// <param name="Counter">Count the packets and bytes the rule matches, read back and shown beside it.</param>
public sealed record ForwardRule(
    ObjectName Name,
    ObjectName? From = null,
    ObjectName? To = null,
    RuleProtocol Protocol = RuleProtocol.Any,
    EquatableArray<PortRange> Ports = default,
    EquatableArray<IcmpType> IcmpTypes = default,
    Cidr? Source = null,
    Cidr? Destination = null,
    RuleAction Action = RuleAction.Accept,
    Dscp? SetDscp = null,
    bool Counter = true,
    bool Enabled = true,
    PlainText? Description = null)
{
    /// <summary>The address family the rule is limited to by its protocol or addresses; null for both.</summary>
    [JsonIgnore]
    public IpFamily? Family => Protocol switch
    {
        RuleProtocol.Icmp => IpFamily.Ipv4,
        RuleProtocol.Icmpv6 => IpFamily.Ipv6,
        _ => Source?.Family ?? Destination?.Family,
    };
}

using System.Text.Json.Serialization;

namespace RouterOS.Domain.Model;

/// <summary>What forwarded traffic that no rule allows gets. Accept-all is a zone forwarding, not a default.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DefaultForwardPolicy>))]
public enum DefaultForwardPolicy
{
    /// <summary>Silently discard.</summary>
    [JsonStringEnumMemberName("drop")] Drop,

    /// <summary>Answer with a TCP reset or ICMP unreachable, so a refused client fails fast.</summary>
    [JsonStringEnumMemberName("reject")] Reject,
}

/// <summary>
/// The firewall's router-wide settings, in the spirit of fw4's `defaults` section. The router's
/// own output is always accepted; input follows each zone's policy.
/// </summary>
/// <param name="Forward">What forwarded traffic that no rule or forwarding accepts gets.</param>
/// <param name="DropInvalid">Drop packets conntrack cannot place in a connection (out of window, stray resets).</param>
/// <param name="SynFloodProtection">Limit new TCP connections to the router itself, per second, from all zones together.</param>
/// <param name="SynFloodRate">New TCP connections per second the router accepts before dropping.</param>
/// <param name="SynFloodBurst">Connections beyond the rate accepted in a burst.</param>
public sealed record FirewallDefaults(
    DefaultForwardPolicy Forward = DefaultForwardPolicy.Drop,
    bool DropInvalid = true,
    bool SynFloodProtection = false,
    int SynFloodRate = FirewallDefaults.DefaultSynFloodRate,
    int SynFloodBurst = FirewallDefaults.DefaultSynFloodBurst)
{
    /// <summary>fw4's defaults: 25 per second with a burst of 50.</summary>
    public const int DefaultSynFloodRate = 25;
    public const int DefaultSynFloodBurst = 50;

    /// <summary>Past this the limit protects nothing a home or edge router could answer.</summary>
    public const int MaxSynFloodRate = 100_000;

    public static FirewallDefaults Default { get; } = new();
}

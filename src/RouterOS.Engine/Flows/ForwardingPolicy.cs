using RouterOS.Domain.Model;

namespace RouterOS.Engine.Flows;

/// <summary>
/// Which forwarded connections a configuration's zone firewall lets begin: from an interface of
/// one zone to an interface of another that a forwarding lists (RulesetGenerator's forward
/// chain; an interface in no zone forwards nothing, and without zones nothing is forwarded).
/// </summary>
public sealed class ForwardingPolicy
{
    private readonly Dictionary<string, string> _zoneOf;
    private readonly HashSet<(string From, string To)> _forwardings;

    private ForwardingPolicy(Dictionary<string, string> zoneOf, HashSet<(string From, string To)> forwardings)
    {
        _zoneOf = zoneOf;
        _forwardings = forwardings;
    }

    public static ForwardingPolicy Of(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var firewall = config.FirewallOrDefault;
        var zoneOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var zone in firewall.Zones)
        {
            foreach (var device in zone.Interfaces)
            {
                // Verify allows an interface in one zone only; the ruleset's first jump wins otherwise.
                zoneOf.TryAdd(device.Value, zone.Name.ToString());
            }
        }
        var forwardings = firewall.Forwardings.Select(forwarding => (forwarding.From.ToString(), forwarding.To.ToString())).ToHashSet();
        return new ForwardingPolicy(zoneOf, forwardings);
    }

    /// <summary>Whether a new connection entering by <paramref name="input"/> and leaving by <paramref name="output"/> would be forwarded.</summary>
    public bool Allows(string input, string output) =>
        _zoneOf.TryGetValue(input, out var from) && _zoneOf.TryGetValue(output, out var to) && _forwardings.Contains((from, to));

    /// <summary>
    /// Whether the two policies forward the same: only then may an apply leave the existing
    /// connections alone (the forward chain accepts an established connection whatever its zones'
    /// forwardings say now).
    /// </summary>
    public bool SameAs(ForwardingPolicy other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _forwardings.SetEquals(other._forwardings) && _zoneOf.Count == other._zoneOf.Count
            && _zoneOf.All(pair => other._zoneOf.TryGetValue(pair.Key, out var zone) && zone == pair.Value);
    }
}

using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Flows;

/// <summary>
/// Which forwarded connections a configuration's zone firewall lets begin: from an interface of
/// one zone to an interface of another that a forwarding lists, or, translated by a port
/// forward, from its zone (or by hairpin from the inside host's) to its inside host
/// (RulesetGenerator's forward chain; an interface in no zone forwards nothing, and without zones
/// nothing is forwarded). Forward rules are not judged: like fw4's, they decide new connections only.
/// </summary>
public sealed class ForwardingPolicy
{
    private readonly Dictionary<string, string> _zoneOf;
    private readonly HashSet<(string From, string To)> _forwardings;
    private readonly HashSet<(string From, FlowAddress Host)> _portForwards;

    private ForwardingPolicy(Dictionary<string, string> zoneOf, HashSet<(string From, string To)> forwardings, HashSet<(string From, FlowAddress Host)> portForwards)
    {
        _zoneOf = zoneOf;
        _forwardings = forwardings;
        _portForwards = portForwards;
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
        return new ForwardingPolicy(zoneOf, forwardings, PortForwards(config));
    }

    /// <summary>Each enabled port forward as the zones its connections may come from and the host they go to.</summary>
    private static HashSet<(string From, FlowAddress Host)> PortForwards(RouterConfig config)
    {
        var forwards = new HashSet<(string, FlowAddress)>();
        var enabled = config.FirewallOrDefault.PortForwards.Where(forward => forward.Enabled).ToList();
        if (enabled.Count == 0)
            return forwards;
        var topology = new FirewallTopology(config);
        foreach (var forward in enabled)
        {
            var host = FlowAddress.From(forward.InsideHost.Address);
            forwards.Add((forward.From.ToString(), host));
            if (forward.Hairpin && topology.NetworkOf(forward.InsideHost) is { } network && topology.ZoneOf(network.Device) is { } inside)
                forwards.Add((inside.Name.ToString(), host));
        }
        return forwards;
    }

    /// <summary>
    /// Whether a port forward would translate a new connection entering by <paramref name="input"/>
    /// to <paramref name="insideHost"/> (the forward chain accepts it as `ct status dnat`).
    /// </summary>
    public bool AllowsTranslated(string input, FlowAddress insideHost) =>
        _zoneOf.TryGetValue(input, out var from) && _portForwards.Contains((from, insideHost));

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
        return _forwardings.SetEquals(other._forwardings) && _portForwards.SetEquals(other._portForwards) && _zoneOf.Count == other._zoneOf.Count
            && _zoneOf.All(pair => other._zoneOf.TryGetValue(pair.Key, out var zone) && zone == pair.Value);
    }
}

using RouterOS.Domain.Model;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Flows;

/// <summary>
/// Which offload rule decided a flow, replayed from its conntrack entry: the first enabled rule
/// whose conditions hold, as the forward chain evaluates them. The chain sees the source before
/// masquerade and the destination after a port forward, so those are what is compared. Conntrack
/// keeps no devices: a rule that names interfaces is compared with the flow's devices as the
/// routes give them (<see cref="FlowPath"/>). It keeps no DSCP either: reaching a rule on DSCP
/// that might match (or one on interfaces when no route tells them), the answer is "unknown"
/// rather than a guess.
/// </summary>
public sealed class OffloadPolicyMatcher
{
    private readonly IReadOnlyList<CompiledRule> _rules;

    private OffloadPolicyMatcher(IReadOnlyList<CompiledRule> rules) => _rules = rules;

    public static OffloadPolicyMatcher Compile(RouterConfig? config) => new(
        [.. (config?.OffloadPolicy ?? default).Where(rule => rule.Enabled).Select(rule => new CompiledRule(rule))]);

    public bool IsEmpty => _rules.Count == 0;

    /// <returns>The deciding rule, or null when no rule matches or the answer cannot be known.</returns>
    public OffloadRule? RuleOf(in ConntrackEntry entry, FlowPath? path = null) => Decide(entry, path).Rule;

    /// <summary>The deciding rule, or the rule at which the answer became unknown, or neither (no rule matches).</summary>
    public PolicyDecision Decide(in ConntrackEntry entry, FlowPath? path = null)
    {
        foreach (var rule in _rules)
        {
            switch (rule.Evaluate(entry, path))
            {
                case Verdict.Matches: return new PolicyDecision(rule.Rule, null);
                case Verdict.Unknown: return new PolicyDecision(null, rule.Rule);
            }
        }
        return new PolicyDecision(null, null);
    }

    private enum Verdict
    {
        Matches,
        DoesNotMatch,
        Unknown,
    }

    private sealed class CompiledRule(OffloadRule rule)
    {
        private readonly OffloadMatch _match = rule.MatchOrDefault;
        private readonly (FlowAddress Network, int Prefix)? _source = Network(rule.MatchOrDefault.Source);
        private readonly (FlowAddress Network, int Prefix)? _destination = Network(rule.MatchOrDefault.Destination);

        public OffloadRule Rule { get; } = rule;

        public Verdict Evaluate(in ConntrackEntry entry, FlowPath? path)
        {
            var protocol = entry.Original.Protocol;
            // After a port forward the forward chain sees the translated destination: the reply's source.
            var destination = entry.Reply.Source;
            var destinationPort = entry.Reply.SourcePort;
            // Every rule matches `meta l4proto { tcp, udp }` at most (RulesetGenerator): nothing else is offloaded.
            if (protocol is not (Ctnetlink.ProtocolTcp or Ctnetlink.ProtocolUdp)
                || (_match.Protocol == L4Protocol.Tcp && protocol != Ctnetlink.ProtocolTcp)
                || (_match.Protocol == L4Protocol.Udp && protocol != Ctnetlink.ProtocolUdp)
                || (_source is { } source && !entry.Original.Source.IsIn(source.Network, source.Prefix))
                || (_destination is { } network && !destination.IsIn(network.Network, network.Prefix))
                || (_match.DestinationPorts.Count > 0 && !_match.DestinationPorts.Any(range => range.First <= destinationPort && destinationPort <= range.Last)))
            {
                return Verdict.DoesNotMatch;
            }
            // The chain's `ct direction original iifname X oifname Y` (or the same seen from the reply side).
            var input = Compare(_match.InputInterface, path?.In);
            var output = Compare(_match.OutputInterface, path?.Out);
            if (input == Verdict.DoesNotMatch || output == Verdict.DoesNotMatch)
            {
                return Verdict.DoesNotMatch;
            }
            return input == Verdict.Unknown || output == Verdict.Unknown || _match.Dscp is not null ? Verdict.Unknown : Verdict.Matches;
        }

        private static Verdict Compare(Domain.Values.InterfaceName? wanted, string? device) =>
            wanted is null ? Verdict.Matches : device is null ? Verdict.Unknown : device == wanted.ToString() ? Verdict.Matches : Verdict.DoesNotMatch;

        private static (FlowAddress, int)? Network(Domain.Values.Cidr? cidr) =>
            cidr is null ? null : (FlowAddress.Parse(cidr.Network.ToString()), cidr.PrefixLength);
    }
}

/// <param name="Rule">The rule that decided the flow, when that can be known.</param>
/// <param name="UnknownAt">The rule that might have matched but cannot be replayed (DSCP, or interfaces without a route).</param>
public readonly record struct PolicyDecision(OffloadRule? Rule, OffloadRule? UnknownAt);

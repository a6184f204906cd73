using RouterOS.Domain.Model;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Flows;

/// <summary>
/// Which offload rule decided a flow, replayed from its conntrack entry: the first enabled rule
/// whose conditions hold, as the forward chain evaluates them. The chain sees the source before
/// masquerade and the destination after a port forward, so those are what is compared. A rule
/// that names interfaces or a DSCP value cannot be replayed from conntrack (it keeps neither):
/// reaching one that might match, the answer is "unknown" rather than a guess.
/// </summary>
public sealed class OffloadPolicyMatcher
{
    private readonly IReadOnlyList<CompiledRule> _rules;

    private OffloadPolicyMatcher(IReadOnlyList<CompiledRule> rules) => _rules = rules;

    public static OffloadPolicyMatcher Compile(RouterConfig? config) => new(
        [.. (config?.OffloadPolicy ?? default).Where(rule => rule.Enabled).Select(rule => new CompiledRule(rule))]);

    /// <returns>The deciding rule, or null when no rule matches or the answer cannot be known.</returns>
    public OffloadRule? RuleOf(in ConntrackEntry entry)
    {
        foreach (var rule in _rules)
        {
            switch (rule.Evaluate(entry))
            {
                case Verdict.Matches: return rule.Rule;
                case Verdict.Unknown: return null;
            }
        }
        return null;
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

        public Verdict Evaluate(in ConntrackEntry entry)
        {
            var protocol = entry.Original.Protocol;
            // After a port forward the forward chain sees the translated destination: the reply's source.
            var destination = entry.Reply.Source;
            var destinationPort = entry.Reply.SourcePort;
            if ((_match.Protocol == L4Protocol.Tcp && protocol != Ctnetlink.ProtocolTcp)
                || (_match.Protocol == L4Protocol.Udp && protocol != Ctnetlink.ProtocolUdp)
                || (_source is { } source && !entry.Original.Source.IsIn(source.Network, source.Prefix))
                || (_destination is { } network && !destination.IsIn(network.Network, network.Prefix))
                || (_match.DestinationPorts.Count > 0 && !_match.DestinationPorts.Any(range => range.First <= destinationPort && destinationPort <= range.Last)))
            {
                return Verdict.DoesNotMatch;
            }
            return _match.InputInterface is null && _match.OutputInterface is null && _match.Dscp is null ? Verdict.Matches : Verdict.Unknown;
        }

        private static (FlowAddress, int)? Network(Domain.Values.Cidr? cidr) =>
            cidr is null ? null : (FlowAddress.Parse(cidr.Network.ToString()), cidr.PrefixLength);
    }
}

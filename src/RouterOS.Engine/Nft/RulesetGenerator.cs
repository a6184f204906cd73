using System.Globalization;
using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Engine.Nft;

/// <summary>
/// Writes the engine's table (`inet routeros`) for a configuration: flowtables on the real devices,
/// the offload policy as `flow add` rules, the zone firewall with its forward rules, port forwards,
/// source NAT, masquerade and MSS clamping. docs/firewall.md gives the order a packet meets them in.
/// Pure: the same configuration always gives the same text.
/// </summary>
public static class RulesetGenerator
{
    public static RulesetText Generate(RouterConfig config) => Generate(config, new DeviceGraph(config));

    /// <param name="graph">The device graph of <paramref name="config"/>, made already (the planner shares one).</param>
    public static RulesetText Generate(RouterConfig config, DeviceGraph graph)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(graph);
        var firewall = config.FirewallOrDefault;
        var zones = firewall.Zones.Where(zone => zone.Interfaces.Count > 0).ToList();
        // A zone's interface set appears in a rule per forwarding that names it: written once each
        // (a "lan" zone at the limits holds a thousand names).
        var sets = zones.ToDictionary<Zone, Zone, string>(zone => zone, zone => Set(zone.Interfaces), ReferenceEqualityComparer.Instance);
        var topology = new FirewallTopology(config);
        var output = new RulesetBuilder();
        output.Open($"table {RulesetText.Family} {RulesetText.Name}");
        foreach (var flowtable in config.Flowtables)
        {
            WriteFlowtable(output, flowtable, graph);
        }
        RuleCounters.Write(output, firewall);
        NatRuleset.WriteDestinationNat(output, firewall, topology, sets);
        WriteInput(output, config, firewall, zones, sets);
        WriteForward(output, config, firewall, zones, sets);
        ForwardRulesRuleset.WriteRules(output, firewall, topology, sets);
        ForwardRulesRuleset.WriteDscpMarking(output, firewall, topology, sets);
        WriteMssClamping(output, config, zones);
        NatRuleset.WriteSourceNat(output, firewall, topology, zones, sets);
        output.Close();
        return output.Build();
    }

    /// <summary>The comment on the forward chain's first rule, which counts the classic path's packets.</summary>
    public const string ClassicPathComment = "classic path";

    /// <summary>The comment on the rule that makes conntrack run in the router's namespace.</summary>
    public const string InvalidComment = "invalid connections";

    /// <summary>
    /// The conntrack label bit (64-127) of connections through a PPPoE uplink, from its name, so it
    /// stays the same whatever else the configuration holds. Two uplinks may share a bit (one in
    /// 64): a session's end then also ends the other's connections, which reconnect.
    /// </summary>
    public static int SessionLabel(InterfaceName uplink)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        // FNV-1a: stable across runs and .NET versions, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in uplink.ToString())
            hash = (hash ^ c) * 16777619u;
        return 64 + (int)(hash % 64);
    }

    /// <summary>The name of a flowtable in the kernel (prefixed, so it can never clash with a keyword).</summary>
    public static string KernelName(ObjectName flowtable) => $"ft_{flowtable}";

    /// <summary>The real devices a flowtable hooks (seed: VLAN and PPPoE devices resolve to their Ethernet device, bridges to their ports).</summary>
    public static IReadOnlyList<string> RealDevices(Flowtable flowtable, DeviceGraph graph) =>
        graph.ResolveRealDevices(flowtable.Devices).Select(name => name.ToString()).ToList();

    private static void WriteFlowtable(RulesetBuilder output, Flowtable flowtable, DeviceGraph graph)
    {
        var path = ConfigPath.Item("flowtables", flowtable.Name);
        output.Open($"flowtable {KernelName(flowtable.Name)}", path);
        output.Line($"hook ingress priority {flowtable.EffectivePriority}", path.Field("priority"));
        var devices = RealDevices(flowtable, graph);
        if (devices.Count > 0)
        {
            output.Line($"devices = {{ {string.Join(", ", devices.Select(Quote))} }}", path.Field("devices"));
        }
        if (flowtable.Counter)
        {
            output.Line("counter", path.Field("counter"));
        }
        if (flowtable.HardwareOffload)
        {
            output.Line("flags offload", path.Field("hardwareOffload"));
        }
        output.Close();
    }

    /// <summary>
    /// ICMPv6 the router must take whatever a zone's policy (RFC 4890 section 4.4): neighbour and
    /// router discovery, the errors path MTU discovery and failing connections need, and echo
    /// (rate-limited, as fw4 does). Without them IPv6 does not work at all.
    /// </summary>
    internal const string Icmpv6Input = "icmpv6 type { destination-unreachable, packet-too-big, time-exceeded, parameter-problem, nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } accept";

    /// <summary>Multicast listener discovery (RFC 3810), which only ever comes from a link-local address (section 5: others are dropped by hosts too).</summary>
    internal const string MldInput = "ip6 saddr fe80::/10 icmpv6 type { mld-listener-query, mld-listener-report, mld2-listener-report } accept";

    /// <summary>
    /// ICMPv6 passed through the router between any zones (RFC 4890 section 4.3.1): the errors
    /// (packet too big above all: a path MTU is discovered end to end, with no NAT to hide it) and
    /// echo, rate-limited. Errors about a tracked connection pass as related anyway.
    /// </summary>
    internal const string Icmpv6Forward = "icmpv6 type { destination-unreachable, packet-too-big, time-exceeded, parameter-problem, echo-request, echo-reply } limit rate 1000/second accept";

    private static void WriteInput(RulesetBuilder output, RouterConfig config, FirewallSettings firewall, List<Zone> zones, Dictionary<Zone, string> sets)
    {
        output.Open("chain input");
        // Fail closed: what comes in by an interface in no zone gets what the base ruleset allows
        // (loopback, answers to the router's own connections) and neighbour discovery, nothing more.
        output.Line("type filter hook input priority filter; policy drop;");
        output.Line("iif \"lo\" accept");
        output.Line("ct state established,related accept");
        var defaults = firewall.DefaultsOrDefault;
        if (defaults.DropInvalid)
        {
            output.Line("ct state invalid drop", "firewall.defaults.dropInvalid");
        }
        if (defaults.SynFloodProtection)
        {
            // New TCP connections to the router itself, all zones together (fw4's syn_flood).
            output.Line($"tcp flags & (fin | syn | rst | ack) == syn limit rate over {defaults.SynFloodRate.ToString(CultureInfo.InvariantCulture)}/second burst {defaults.SynFloodBurst.ToString(CultureInfo.InvariantCulture)} packets drop", "firewall.defaults.synFloodProtection");
        }
        // IPv6 needs these on every interface, whatever the zone's policy.
        output.Line(Icmpv6Input);
        output.Line(MldInput);
        output.Line("icmpv6 type echo-request limit rate 1000/second accept");
        if (!config.Ipv6OrDefault.Clients.IsEmpty)
        {
            // The DHCPv6 server answers the client's multicast Solicit from its link-local
            // address to port 546 (RFC 8415 section 7.2): conntrack cannot tie that to the request.
            output.Line("ip6 saddr fe80::/10 udp sport 547 udp dport 546 accept", "ipv6.clients");
        }
        foreach (var zone in zones)
        {
            output.Line($"iifname {sets[zone]} jump input_{zone.Name}", ConfigPath.Item("firewall.zones", zone.Name));
        }
        output.Close();
        var rulesOf = firewall.InputRules.Where(rule => rule.Enabled).ToLookup(rule => rule.Zone);
        foreach (var zone in zones)
        {
            var zonePath = ConfigPath.Item("firewall.zones", zone.Name);
            output.Open($"chain input_{zone.Name}", zonePath);
            foreach (var rule in rulesOf[zone.Name])
            {
                var rulePath = ConfigPath.Item("firewall.inputRules", rule.Name);
                var matches = new List<string>();
                AddProtocolAndPorts(matches, rule.Protocol, rule.Ports);
                if (rule.Source is { } source)
                {
                    matches.Add($"{AddressKeyword(source.Family)} saddr {source}");
                }
                output.Line($"{string.Join(' ', matches)} accept".TrimStart(), rulePath);
            }
            output.Line(zone.Input switch
            {
                ZonePolicy.Accept => "accept",
                ZonePolicy.Reject => "reject",
                _ => "drop",
            }, zonePath.Field("input"));
            output.Close();
        }
    }

    private static void WriteForward(RulesetBuilder output, RouterConfig config, FirewallSettings firewall, List<Zone> zones, Dictionary<Zone, string> sets)
    {
        output.Open("chain forward");
        // Fail closed: only what a forwarding between two zones allows passes (nothing without zones).
        output.Line("type filter hook forward priority filter; policy drop;");
        // Every packet the classic path forwards passes here, and no offloaded one does: the
        // counter shows the fast path at work (it stops growing when a flow is offloaded).
        output.Line($"counter comment \"{ClassicPathComment}\"");
        // Conntrack runs in a network namespace only once a rule there uses it (nf_ct_netns_get):
        // without zones or NAT nothing would, and the router would track no connection at all (no
        // flows to show, nothing to offload). This rule makes it run, and counts invalid packets.
        output.Line($"ct state invalid counter comment \"{InvalidComment}\"");
        WriteUnzonedDrops(output, zones);
        // Connections through a PPPoE session carry its label, so the engine can delete exactly
        // those (and their flowtable entries, which still point at the dead session's id) when
        // the session ends. Before the offload rules: an offloaded flow is labelled already.
        foreach (var uplink in config.Pppoe)
        {
            output.Line($"iifname {Quote(uplink.Name)} ct label set {SessionLabel(uplink.Name)}", ConfigPath.Item("pppoe", uplink.Name));
            output.Line($"oifname {Quote(uplink.Name)} ct label set {SessionLabel(uplink.Name)}", ConfigPath.Item("pppoe", uplink.Name));
        }
        var offloadRules = config.OffloadPolicy.Where(rule => rule.Enabled).ToList();
        if (offloadRules.Count > 0)
        {
            output.Line("jump offload_policy", "offloadPolicy");
        }
        if (zones.Count > 0)
        {
            output.Line("ct state established,related accept");
            if (firewall.DefaultsOrDefault.DropInvalid)
            {
                output.Line("ct state invalid drop", "firewall.defaults.dropInvalid");
            }
            output.Line(Icmpv6Forward);
            if (ForwardRulesRuleset.Any(firewall))
            {
                output.Line($"jump {ForwardRulesRuleset.ChainName}", "firewall.forwardRules");
            }
            if (firewall.PortForwards.Any(forward => forward.Enabled))
            {
                // A connection our dstnat chain translated is one a port forward allows.
                output.Line("ct status dnat accept", "firewall.portForwards");
            }
            var byName = zones.ToDictionary(zone => zone.Name);
            foreach (var forwarding in firewall.Forwardings)
            {
                if (byName.TryGetValue(forwarding.From, out var from) && byName.TryGetValue(forwarding.To, out var to))
                {
                    output.Line($"iifname {sets[from]} oifname {sets[to]} accept", ConfigPath.Item("firewall.forwardings", forwarding.Key));
                }
            }
            if (firewall.DefaultsOrDefault.Forward == DefaultForwardPolicy.Reject)
            {
                output.Line("reject", "firewall.defaults.forward");
            }
        }
        output.Close();
        if (offloadRules.Count > 0)
        {
            // Its own chain, so `never` can return to the forward chain without deciding the verdict.
            output.Open("chain offload_policy", "offloadPolicy");
            foreach (var rule in offloadRules)
            {
                foreach (var line in OffloadRuleLines(rule))
                {
                    output.Line(line, ConfigPath.Item("offloadPolicy", rule.Name));
                }
            }
            output.Close();
        }
    }

    /// <summary>
    /// Traffic from or to an interface in no zone is never forwarded, not even a connection that
    /// was accepted while the interface was still in a zone: dropped before the established
    /// accept and before the offload policy could put it on the fast path.
    /// </summary>
    private static void WriteUnzonedDrops(RulesetBuilder output, List<Zone> zones)
    {
        if (zones.Count == 0)
        {
            // The chain's policy drops everything: no rule after this one accepts.
            return;
        }
        var zoned = Set(zones.SelectMany(zone => zone.Interfaces).Distinct());
        output.Line($"iifname != {zoned} drop comment \"{UnzonedComment}\"", "firewall.zones");
        output.Line($"oifname != {zoned} drop comment \"{UnzonedComment}\"", "firewall.zones");
    }

    /// <summary>The comment on the forward rules that drop traffic from or to an interface in no zone.</summary>
    public const string UnzonedComment = "interface in no zone";

    /// <summary>
    /// An offload rule as forward-chain rules. Only TCP and UDP can be offloaded. `never` returns
    /// from the policy without offloading, so later rules cannot offload the flow either; a rule
    /// whose `flow add` the kernel refuses (first packet, helper...) simply falls through.
    /// </summary>
    /// <summary>
    /// A rule's lines in the offload_policy chain. A flow is decided by whichever of its packets
    /// reaches a `flow add` first, and the answers come back the other way: a rule must match
    /// both directions alike, or a `never` rule on "destination port 5060" would let the
    /// replies (source port 5060) fall through to a later `offload` rule. So addresses and ports
    /// are matched on the connection's tuples, not the packet's: the source as the connection
    /// began (before masquerade: `ct original ... saddr`), the destination as it answers (after a
    /// port forward: `ct reply ... saddr`, `ct reply proto-src`); interfaces per direction.
    /// </summary>
    internal static IEnumerable<string> OffloadRuleLines(OffloadRule rule)
    {
        var match = rule.MatchOrDefault;
        var matches = new List<string>();
        AddProtocolAndPorts(matches, match.Protocol, match.DestinationPorts);
        var family = match.Source?.Family ?? match.Destination?.Family;
        if (match.Source is { } source)
        {
            matches.Add($"ct original {AddressKeyword(source.Family)} saddr {source}");
        }
        if (match.Destination is { } destination)
        {
            matches.Add($"ct reply {AddressKeyword(destination.Family)} saddr {destination}");
        }
        var action = rule.Action == OffloadAction.Offload ? $"flow add @{KernelName(rule.Flowtable!)} return" : "return";
        var dscpMatches = match.Dscp is { } dscp
            // DSCP lives in a different header field per family: one rule per family unless the addresses fix it.
            ? (family is { } known ? [known] : new[] { IpFamily.Ipv4, IpFamily.Ipv6 }).Select(each => $" {AddressKeyword(each)} dscp {dscp.Value.ToString(CultureInfo.InvariantCulture)}").ToList()
            : [""];
        foreach (var interfaces in InterfaceMatches(match.InputInterface, match.OutputInterface))
        {
            foreach (var dscpMatch in dscpMatches)
            {
                yield return $"{string.Join(' ', matches)}{interfaces}{dscpMatch} {action}";
            }
        }
    }

    /// <summary>The packets of the connection's original direction enter by the input interface; its replies leave by it.</summary>
    private static IEnumerable<string> InterfaceMatches(InterfaceName? input, InterfaceName? output)
    {
        if (input is null && output is null)
        {
            yield return "";
            yield break;
        }
        var original = (input is null ? "" : $" iifname {Quote(input)}") + (output is null ? "" : $" oifname {Quote(output)}");
        var reply = (output is null ? "" : $" iifname {Quote(output)}") + (input is null ? "" : $" oifname {Quote(input)}");
        yield return $" ct direction original{original}";
        yield return $" ct direction reply{reply}";
    }

    private static void WriteMssClamping(RulesetBuilder output, RouterConfig config, List<Zone> zones)
    {
        var clamped = zones.Where(zone => zone.MssClamping).SelectMany(zone => zone.Interfaces)
            .Concat(config.Pppoe.Where(uplink => uplink.MssClamping).Select(uplink => uplink.Name))
            .Distinct().ToList();
        if (clamped.Count == 0)
        {
            return;
        }
        output.Open("chain mss_clamping");
        output.Line("type filter hook forward priority mangle; policy accept;");
        // Both directions: the SYN out and the SYN-ACK back each announce an MSS.
        output.Line($"oifname {Set(clamped)} tcp flags syn tcp option maxseg size set rt mtu");
        output.Line($"iifname {Set(clamped)} tcp flags syn tcp option maxseg size set rt mtu");
        output.Close();
    }

    private static void AddProtocolAndPorts(List<string> matches, L4Protocol protocol, EquatableArray<PortRange> ports)
    {
        var l4 = protocol switch
        {
            L4Protocol.Tcp => "tcp",
            L4Protocol.Udp => "udp",
            _ => "{ tcp, udp }",
        };
        matches.Add($"meta l4proto {l4}");
        if (ports.Count > 0)
        {
            // The service port as the server answers from it: the same for both directions.
            matches.Add($"ct reply proto-src {{ {string.Join(", ", ports.Select(port => port.ToString()))} }}");
        }
    }

    internal static string AddressKeyword(IpFamily family) => family == IpFamily.Ipv4 ? "ip" : "ip6";

    internal static string Quote(InterfaceName name) => Quote(name.ToString());

    private static string Quote(string name) => $"\"{name}\"";

    private static string Set(IEnumerable<InterfaceName> names) => $"{{ {string.Join(", ", names.Select(Quote))} }}";
}

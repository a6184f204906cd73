using RouterOS.Domain.Model;
using RouterOS.Domain.Verification;

namespace RouterOS.Engine.Nft;

/// <summary>
/// The named counters of the firewall's rules: one nft counter object per port forward, source
/// NAT rule and counted forward rule, which every line the rule becomes counts into (a port
/// forward is two lines with hairpin). The engine reads them back by name and reports each
/// against its rule's configuration path. They start from zero whenever the table is replaced.
/// </summary>
public static class RuleCounters
{
    private const string PortForwardPrefix = "pf_";
    private const string SourceNatPrefix = "sn_";
    private const string ForwardRulePrefix = "fr_";

    public static string Of(PortForward forward) => PortForwardPrefix + forward.Name;

    public static string Of(SourceNatRule rule) => SourceNatPrefix + rule.Name;

    public static string Of(ForwardRule rule) => ForwardRulePrefix + rule.Name;

    /// <summary>` counter name "pf_web"`: the part of a rule line that counts into its object.</summary>
    internal static string Reference(string counter) => $" counter name \"{counter}\"";

    /// <summary>The counter objects a configuration's firewall has, by name, with the path of the rule each counts.</summary>
    public static IReadOnlyDictionary<string, string> PathsByName(FirewallSettings firewall)
    {
        ArgumentNullException.ThrowIfNull(firewall);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var forward in firewall.PortForwards.Where(forward => forward.Enabled))
            paths.TryAdd(Of(forward), ConfigPath.Item("firewall.portForwards", forward.Name));
        foreach (var rule in firewall.SourceNat.Where(rule => rule.Enabled))
            paths.TryAdd(Of(rule), ConfigPath.Item("firewall.sourceNat", rule.Name));
        foreach (var rule in firewall.ForwardRules.Where(rule => rule.Enabled && rule.Counter))
            paths.TryAdd(Of(rule), ConfigPath.Item("firewall.forwardRules", rule.Name));
        return paths;
    }

    internal static void Write(RulesetBuilder output, FirewallSettings firewall)
    {
        foreach (var (name, path) in PathsByName(firewall))
        {
            output.Open($"counter {name}", path);
            output.Close();
        }
    }
}

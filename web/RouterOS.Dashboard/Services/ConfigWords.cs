using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RouterOS.Domain.Diff;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// A configuration path (<c>dhcp.servers[br-lan].leaseTimeSeconds</c>) in words ("DHCP server on
/// br-lan, lease time"), so a finding or an edit reads as a sentence; the path itself goes behind a
/// "details" toggle for whoever wants the exact place.
/// </summary>
public static partial class ConfigWords
{
    // The configuration format's lists and sections (docs/config-format.md), longest first where one begins another.
    private static readonly (string Path, string Words)[] Sections =
    [
        ("firewall.portForwards", "port forward"), ("firewall.inputRules", "input rule"), ("firewall.forwardRules", "forward rule"),
        ("firewall.sourceNat", "source NAT rule"), ("firewall.forwardings", "zone forwarding"), ("firewall.zones", "firewall zone"),
        ("firewall.defaults", "firewall defaults"), ("firewall", "firewall"),
        ("dhcp.servers", "DHCP server on"), ("dhcp.clients", "DHCP client on"), ("dhcp", "DHCP"),
        ("ipv6.clients", "DHCPv6 client on"), ("ipv6.staticPrefixes", "static prefix on"), ("ipv6.lans", "IPv6 LAN on"), ("ipv6", "IPv6"),
        ("offloadPolicy", "offload rule"), ("flowtables", "flowtable"), ("addresses", "address"), ("bridges", "bridge"),
        ("ports", "port"), ("vlans", "VLAN"), ("pppoe", "PPPoE uplink"), ("routes", "route"), ("shaping", "traffic shaping on"),
        ("system", "system settings"), ("dns", "DNS settings"),
    ];

    /// <summary>"dhcp.servers[br-lan].leaseTimeSeconds" → "DHCP server on br-lan, lease time".</summary>
    public static string Of(string path)
    {
        var words = Words(path);
        return words == path ? path : Capitalised(words);
    }

    private static string Words(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var (section, words) in Sections)
        {
            if (!path.StartsWith(section, StringComparison.Ordinal) || (path.Length > section.Length && path[section.Length] is not ('[' or '.')))
                continue;
            var text = new StringBuilder(words);
            foreach (Match part in Part().Matches(path[section.Length..]))
            {
                text.Append(part.Groups["key"].Success ? $" {part.Groups["key"].Value}" : $", {Field(part.Groups["field"].Value)}");
            }
            return text.ToString();
        }
        return path;
    }

    /// <summary>An edit as a sentence: "Added DHCP server on br-lan", "Changed port eth1: MTU, description".</summary>
    public static string Of(ConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var lowered = Words(change.Path);
        return change.Kind switch
        {
            ChangeKind.Added => $"Added {lowered}",
            ChangeKind.Removed => $"Removed {lowered}",
            _ when Renumbering(change) is { } renumbered => renumbered,
            _ when change.Fields.Count > 0 => $"Changed {lowered}: {string.Join(", ", change.Fields.Select(Field))}",
            _ => $"Changed {lowered}",
        };
    }

    /// <summary>A device's address replaced by another (one edit, ConfigDiff pairs them): "Changed the address of br-lan from 192.168.1.1/24 to 192.168.2.1/24".</summary>
    private static string? Renumbering(ConfigChange change)
    {
        if (!change.Path.StartsWith("addresses[", StringComparison.Ordinal) || !change.Fields.Contains("address") || change.Before is null || change.After is null)
            return null;
        try
        {
            var before = JsonNode.Parse(change.Before);
            var after = JsonNode.Parse(change.After);
            var device = (string?)after?["device"];
            var (from, to) = ((string?)before?["address"], (string?)after?["address"]);
            return device is null || from is null || to is null ? null : $"Changed the address of {device} from {from} to {to}";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>An error that begins with a configuration path ("vlans[lan.10].id: ...") split into its sentence and the path.</summary>
    public static (string Sentence, string? Path) Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Leading().Match(text);
        return match.Success ? ($"{Of(match.Groups["path"].Value)}: {match.Groups["rest"].Value}", match.Groups["path"].Value) : (text, null);
    }

    /// <summary>"leaseTimeSeconds" → "lease time", "mtu" → "MTU".</summary>
    public static string Field(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = Camel().Replace(name, " $1").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && words[^1] is "seconds")
            words.RemoveAt(words.Count - 1);
        return string.Join(' ', words.Select(w => w is "mtu" or "mac" or "dns" or "nat" or "vlan" or "ip" or "dscp" or "syn" ? w.ToUpperInvariant() : w));
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"\[(?<key>[^\]]*)\]|\.(?<field>[A-Za-z0-9]+)")]
    private static partial Regex Part();

    [GeneratedRegex(@"(?<=[a-z0-9])([A-Z])")]
    private static partial Regex Camel();

    [GeneratedRegex(@"^(?<path>[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+|\[[^\]]+\])+): (?<rest>.+)$", RegexOptions.Singleline)]
    private static partial Regex Leading();
}

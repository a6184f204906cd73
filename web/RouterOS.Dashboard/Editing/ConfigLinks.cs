namespace RouterOS.Dashboard.Editing;

/// <summary>Where in the dashboard an object of the configuration is edited, from its path in a finding or a diff.</summary>
public static class ConfigLinks
{
    private static readonly Dictionary<string, string> PageOfList = new(StringComparer.Ordinal)
    {
        ["ports"] = "interfaces",
        ["bridges"] = "interfaces",
        ["vlans"] = "interfaces",
        ["pppoe"] = "interfaces",
        ["addresses"] = "interfaces",
        ["routes"] = "interfaces",
        ["flowtables"] = "flowtables",
        ["offloadPolicy"] = "flowtables",
        ["dhcp.clients"] = "dhcp",
        ["dhcp.servers"] = "dhcp",
        ["ipv6.clients"] = "ipv6",
        ["ipv6.staticPrefixes"] = "ipv6",
        ["ipv6.lans"] = "ipv6",
        ["firewall.zones"] = "firewall",
        ["firewall.forwardings"] = "firewall",
        ["firewall.inputRules"] = "firewall",
        ["firewall.portForwards"] = "firewall",
        ["firewall.sourceNat"] = "firewall",
        ["firewall.forwardRules"] = "firewall",
    };

    // The single-object sections, edited by a form that is always open on their page.
    private static readonly Dictionary<string, string> PageOfSection = new(StringComparer.Ordinal)
    {
        ["dns"] = "dhcp",
        ["system"] = "system",
        ["firewall.defaults"] = "firewall",
    };

    /// <summary>"bridges[br-lan].ports[eth9]" -> "bridges[br-lan]": the object the edit form opens.</summary>
    public static string ItemOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // A static lease has a form of its own: "dhcp.servers[br-lan].staticLeases[mac].address" opens the lease's.
        var lease = path.IndexOf("].staticLeases[", StringComparison.Ordinal);
        if (path.StartsWith("dhcp.servers[", StringComparison.Ordinal) && lease >= 0 && path.IndexOf(']', lease + 1) is var close and > 0)
            return path[..(close + 1)];
        var end = path.IndexOf(']', StringComparison.Ordinal);
        return end < 0 ? path : path[..(end + 1)];
    }

    /// <summary>The page that edits the object, opening its form (?focus=...), or the page of a section (dns); null when the dashboard has no form for it.</summary>
    public static string? Href(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // A section is named by one segment ("dns") or two ("firewall.defaults", beside the firewall's lists).
        foreach (var (section, sectionPage) in PageOfSection)
        {
            if (path == section || path.StartsWith(section + ".", StringComparison.Ordinal))
                return sectionPage;
        }
        var item = ItemOf(path);
        var cut = item.IndexOf('[', StringComparison.Ordinal);
        var list = cut < 0 ? item : item[..cut];
        return PageOfList.TryGetValue(list, out var page) ? $"{page}?focus={Uri.EscapeDataString(item)}" : null;
    }

    /// <summary>The key of <paramref name="focus"/> when it names an item of <paramref name="list"/>: ("bridges", "bridges[br0]") -> "br0".</summary>
    public static string? KeyIn(string list, string? focus) =>
        focus is not null && focus.StartsWith(list + "[", StringComparison.Ordinal) && focus.EndsWith(']')
            ? focus[(list.Length + 1)..^1]
            : null;
}

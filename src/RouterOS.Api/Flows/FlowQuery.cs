using System.Globalization;
using System.Net;

namespace RouterOS.Api.Flows;

public enum FlowSort
{
    Bytes,
    Rate,
    Age,
}

/// <summary>
/// Which flows to show, in which order, how many. The filter is a short expression a search box
/// can hold: space-separated terms, all of which must match: <c>proto:tcp</c>, <c>addr:10.0.0.0/8</c>,
/// <c>port:443</c>, <c>iface:br-lan</c>, <c>offload:software</c> (none, software, hardware,
/// offloaded), and plain words matched against the flow's text. A page starts at an offset (up to
/// <see cref="MaxOffset"/>) or after a cursor (<see cref="FlowCursor"/>, any depth).
/// </summary>
public sealed record FlowQuery(FlowFilter Filter, FlowSort Sort, bool Descending, int Offset, int Limit, FlowCursor? Cursor = null)
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;

    /// <summary>
    /// The deepest offset: a page costs a pass over all flows keeping offset + limit of them, so the
    /// offset is bounded; deeper pages follow the cursor each page returns.
    /// </summary>
    public const int MaxOffset = 10_000;

    public static FlowQuery Default { get; } = new(FlowFilter.All, FlowSort.Bytes, true, 0, DefaultLimit);

    /// <summary>Parses the query parameters; the error names the parameter and what is wrong with it.</summary>
    /// <param name="networksOf">An interface's networks (from the running configuration), or null if the router has no such interface.</param>
    /// <param name="cursor">The <c>nextCursor</c> of the page before, or null for the first page.</param>
    public static (FlowQuery? Query, string? Parameter, string? Error) Parse(string? filter, string? sort, string? order, int? offset, int? limit, Func<string, IReadOnlyList<IPNetwork>?> networksOf, string? cursor = null)
    {
        var (parsed, filterError) = FlowFilter.Parse(filter, networksOf);
        if (parsed is null)
        {
            return (null, "filter", filterError);
        }
        FlowSort sortBy;
        switch (sort?.ToLowerInvariant())
        {
            case null or "" or "bytes": sortBy = FlowSort.Bytes; break;
            case "rate": sortBy = FlowSort.Rate; break;
            case "age": sortBy = FlowSort.Age; break;
            default: return (null, "sort", $"'{sort}' is not a sort: use bytes, rate or age");
        }
        bool descending;
        switch (order?.ToLowerInvariant())
        {
            case null or "" or "desc": descending = true; break;
            case "asc": descending = false; break;
            default: return (null, "order", $"'{order}' is not an order: use asc or desc");
        }
        if (offset is < 0 or > MaxOffset)
        {
            return (null, "offset", $"the offset must be between 0 and {MaxOffset}; page further with the nextCursor each page returns");
        }
        if (limit is < 1 or > MaxLimit)
        {
            return (null, "limit", $"the limit must be between 1 and {MaxLimit}");
        }
        var query = new FlowQuery(parsed, sortBy, descending, offset ?? 0, limit ?? DefaultLimit);
        if (string.IsNullOrEmpty(cursor))
        {
            return (query, null, null);
        }
        if (offset is not null)
        {
            return (null, "cursor", "send a cursor or an offset, not both");
        }
        if (FlowCursor.Decode(cursor) is not { } after)
        {
            return (null, "cursor", "not a cursor this router gave out: send the nextCursor of the page before, unchanged");
        }
        if ((sort is { Length: > 0 } && after.Sort != sortBy) || (order is { Length: > 0 } && after.Descending != descending))
        {
            return (null, "cursor", $"the cursor continues a walk sorted by {after.Sort.ToString().ToLowerInvariant()} {(after.Descending ? "desc" : "asc")}: send that sort and order, or none");
        }
        return (query with { Sort = after.Sort, Descending = after.Descending, Cursor = after }, null, null);
    }
}

/// <summary>The parsed filter expression of <see cref="FlowQuery"/>.</summary>
public sealed record FlowFilter(int? Protocol, IReadOnlyList<IPNetwork> Networks, int? Port, IReadOnlyList<IPNetwork>? InterfaceNetworks, string? Offload, IReadOnlyList<string> Words)
{
    public static FlowFilter All { get; } = new(null, [], null, null, null, []);

    private static readonly Dictionary<string, int> Protocols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["icmp"] = 1,
        ["tcp"] = 6,
        ["udp"] = 17,
        ["gre"] = 47,
        ["ipv6-icmp"] = 58,
        ["icmpv6"] = 58,
        ["sctp"] = 132,
    };

    public static (FlowFilter? Filter, string? Error) Parse(string? text, Func<string, IReadOnlyList<IPNetwork>?> networksOf)
    {
        int? protocol = null, port = null;
        string? offload = null;
        IReadOnlyList<IPNetwork>? interfaceNetworks = null;
        var networks = new List<IPNetwork>();
        var words = new List<string>();
        foreach (var term in (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = term.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? term[..colon].ToLowerInvariant() : null;
            var value = colon > 0 ? term[(colon + 1)..] : term;
            switch (key)
            {
                case "proto" or "protocol":
                    if (Protocols.TryGetValue(value, out var number) || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number <= 255))
                    {
                        protocol = number;
                        break;
                    }
                    return (null, $"'{value}' is not a protocol: use tcp, udp, icmp... or a number up to 255");
                case "addr" or "address":
                    if (!TryNetwork(value, out var network))
                    {
                        return (null, $"'{value}' is not an address or network (e.g. 192.168.1.10 or 10.0.0.0/8)");
                    }
                    networks.Add(network);
                    break;
                case "port":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber > 65535)
                    {
                        return (null, $"'{value}' is not a port (0-65535)");
                    }
                    port = portNumber;
                    break;
                case "iface" or "interface":
                    interfaceNetworks = networksOf(value);
                    if (interfaceNetworks is null)
                    {
                        return (null, $"the router has no interface '{value}' with an address in the running configuration");
                    }
                    break;
                case "offload":
                    offload = value.ToLowerInvariant() switch
                    {
                        "none" or "classic" => "none",
                        "software" => "software",
                        "hardware" => "hardware",
                        "offloaded" or "any" => "offloaded",
                        _ => null,
                    };
                    if (offload is null)
                    {
                        return (null, $"'{value}' is not an offload state: use none, software, hardware or offloaded");
                    }
                    break;
                case null:
                    words.Add(term);
                    break;
                default:
                    // An IPv6 address has colons too: a term that parses as one is an address.
                    if (TryNetwork(term, out var literal))
                    {
                        networks.Add(literal);
                        break;
                    }
                    return (null, $"'{key}' is not a filter: use proto, addr, port, iface, offload, or plain words");
            }
        }
        return (new FlowFilter(protocol, networks, port, interfaceNetworks, offload, words), null);
    }

    public bool Matches(CachedFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (Protocol is { } protocol && flow.Protocol != protocol)
        {
            return false;
        }
        if (Port is { } port && !flow.HasPort(port))
        {
            return false;
        }
        if (Offload is { } offload && (offload == "offloaded" ? flow.Offload == "none" : flow.Offload != offload))
        {
            return false;
        }
        foreach (var network in Networks)
        {
            if (!flow.Addresses.Any(network.Contains))
            {
                return false;
            }
        }
        if (InterfaceNetworks is { } interfaceNetworks && !flow.Addresses.Any(address => interfaceNetworks.Any(network => network.Contains(address))))
        {
            return false;
        }
        return Words.All(flow.Mentions);
    }

    private static bool TryNetwork(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text, out network))
        {
            return true;
        }
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return false;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RouterOS.Domain.Values;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Services.Ipv6;

/// <summary>A delegated prefix or a leased address with its lifetimes, as the server gave them at <see cref="Received"/>.</summary>
public sealed record Dhcpv6Binding<T>(T Value, AddressLifetime Lifetime, DateTimeOffset Received)
{
    /// <summary>The lifetimes left at <paramref name="now"/>: what the kernel should count down from then.</summary>
    public AddressLifetime RemainingAt(DateTimeOffset now)
    {
        var elapsed = (uint)Math.Clamp((now - Received).TotalSeconds, 0, uint.MaxValue);
        static uint Less(uint lifetime, uint elapsed) => lifetime == uint.MaxValue ? lifetime : lifetime > elapsed ? lifetime - elapsed : 0;
        return new(Less(Lifetime.PreferredSeconds, elapsed), Less(Lifetime.ValidSeconds, elapsed));
    }
}

/// <summary>
/// What dhcpcd's hook reported for an uplink: the reason (dhcpcd-run-hooks(8): BOUND6, RENEW6,
/// REBIND6, REBOOT6, EXPIRE6, RELEASE6, STOP6, ROUTERADVERT, ...), the delegated prefix and the
/// uplink's own address with their lifetimes, the DNS servers, and the advertising router.
/// </summary>
public sealed record Dhcpv6Event(
    string Reason,
    Cidr? Prefix,
    AddressLifetime PrefixLifetime,
    IPAddress? Address,
    AddressLifetime AddressLifetime,
    IReadOnlyList<IPAddress> DnsServers,
    IPAddress? Router,
    uint RouterLifetimeSeconds,
    string? ServerId)
{
    public const string Marker = "routeros-dhcp6|";

    /// <summary>The variables the hook prints, in order (dhcpcd-run-hooks(8) names them so for IA_PD 1's first prefix and IA_NA 1's first address).</summary>
    public static readonly IReadOnlyList<string> HookVariables =
    [
        "reason", "new_dhcp6_ia_pd1_prefix1", "new_dhcp6_ia_pd1_prefix1_length", "new_dhcp6_ia_pd1_prefix1_pltime", "new_dhcp6_ia_pd1_prefix1_vltime",
        "new_dhcp6_ia_na1_ia_addr1", "new_dhcp6_ia_na1_ia_addr1_pltime", "new_dhcp6_ia_na1_ia_addr1_vltime", "new_dhcp6_name_servers",
        "nd1_from", "nd1_lifetime", "new_dhcp6_server_id",
    ];

    /// <summary>Reasons that carry the current lease.</summary>
    public bool IsLease => Reason is "BOUND6" or "RENEW6" or "REBIND6" or "REBOOT6";

    /// <summary>Reasons that end the lease: it ran out, was given back, or the client stopped.</summary>
    public bool IsLoss => Reason is "EXPIRE6" or "RELEASE6" or "STOP6" or "DEPARTED";

    public bool IsRouterAdvertisement => Reason == "ROUTERADVERT";

    /// <summary>
    /// The hook's line. Every value comes from the network (the ISP's DHCPv6 server and router),
    /// so each is parsed strictly: a malformed one is dropped, never guessed. A prefix must be IPv6
    /// with a length of 1 to 64; an address must be a global one.
    /// </summary>
    public static Dhcpv6Event? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith(Marker, StringComparison.Ordinal))
            return null;
        var fields = line[Marker.Length..].Split('|');
        if (fields.Length != HookVariables.Count || fields[0].Length is 0 or > 32 || !fields[0].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
            return null;
        Cidr? prefix = null;
        if (Ipv6(fields[1]) is { } network && Number(fields[2]) is { } length and >= 1 and <= 64)
            prefix = Cidr.Of(IpAddress.From(network), (int)length);
        var address = Ipv6(fields[5]);
        return new Dhcpv6Event(fields[0], prefix, Lifetime(fields[3], fields[4]), address, Lifetime(fields[6], fields[7]),
            [.. fields[8].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Ipv6).OfType<IPAddress>()],
            Ipv6(fields[9]) is { IsIPv6LinkLocal: true } router ? router : null, Number(fields[10]) ?? 0,
            fields[11].Length is > 0 and <= 260 && fields[11].All(char.IsAsciiHexDigit) ? fields[11] : null);
    }

    private static IPAddress? Ipv6(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6 ? address : null;

    private static uint? Number(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Preferred never longer than valid (RFC 8415 section 21.22 tells clients to discard such a prefix; we clamp instead).</summary>
    private static AddressLifetime Lifetime(string preferred, string valid)
    {
        var validSeconds = Number(valid) ?? 0;
        return new(Math.Min(Number(preferred) ?? 0, validSeconds), validSeconds);
    }
}

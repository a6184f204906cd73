using System.Globalization;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// IP protocol numbers by name, as ip(7) and nft(8) spell them. The numbers are the IPPROTO_*
/// constants of the kernel's include/uapi/linux/in.h (and IPPROTO_ICMPV6 of
/// include/uapi/linux/in6.h); the names those of /etc/protocols.
/// </summary>
public static class IpProtocols
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [0] = "ip",          // IPPROTO_IP (also IPv6 hop-by-hop options)
        [1] = "icmp",        // IPPROTO_ICMP
        [2] = "igmp",        // IPPROTO_IGMP
        [4] = "ipip",        // IPPROTO_IPIP
        [6] = "tcp",         // IPPROTO_TCP
        [8] = "egp",         // IPPROTO_EGP
        [12] = "pup",        // IPPROTO_PUP
        [17] = "udp",        // IPPROTO_UDP
        [22] = "idp",        // IPPROTO_IDP
        [29] = "tp",         // IPPROTO_TP
        [33] = "dccp",       // IPPROTO_DCCP
        [41] = "ipv6",       // IPPROTO_IPV6
        [46] = "rsvp",       // IPPROTO_RSVP
        [47] = "gre",        // IPPROTO_GRE
        [50] = "esp",        // IPPROTO_ESP
        [51] = "ah",         // IPPROTO_AH
        [58] = "ipv6-icmp",  // IPPROTO_ICMPV6 (in6.h)
        [92] = "mtp",        // IPPROTO_MTP
        [94] = "beetph",     // IPPROTO_BEETPH
        [98] = "encap",      // IPPROTO_ENCAP
        [103] = "pim",       // IPPROTO_PIM
        [108] = "comp",      // IPPROTO_COMP
        [115] = "l2tp",      // IPPROTO_L2TP
        [132] = "sctp",      // IPPROTO_SCTP
        [136] = "udplite",   // IPPROTO_UDPLITE
        [137] = "mpls",      // IPPROTO_MPLS
        [143] = "ethernet",  // IPPROTO_ETHERNET
        [255] = "raw",       // IPPROTO_RAW
    };

    /// <summary>The protocol's name, or "protocol 253" for a number without one.</summary>
    public static string Name(int number) =>
        Names.TryGetValue(number, out var name) ? name : string.Create(CultureInfo.InvariantCulture, $"protocol {number}");
}

namespace RouterOS.Api.Contracts;

/// <param name="Device">The DHCP client's device, or the PPPoE uplink's (ppp) name.</param>
/// <param name="Kind">"dhcp", "pppoe" or "dhcpv6" (an uplink's IPv6: its delegated prefix).</param>
/// <param name="State">dhcp and dhcpv6: discovering, bound, failed, stopped. pppoe: discovery, session, lcp, authentication, ipcp, up, down, failed (stopped dialling), stopped.</param>
/// <param name="Address">With prefix; null without a lease or session.</param>
/// <param name="Gateway">The lease's router, or the PPPoE peer's address.</param>
/// <param name="Failure">What went wrong, in plain words; null while up.</param>
/// <param name="FailureCheck">PPPoE: what to check about the failure.</param>
/// <param name="Parent">PPPoE: the Ethernet device the session runs over.</param>
/// <param name="SessionId">PPPoE: the session id; null without a session.</param>
/// <param name="AccessConcentrator">PPPoE: the access concentrator's MAC address.</param>
/// <param name="UpSince">PPPoE: when the session came up; null while down.</param>
/// <param name="Reconnects">PPPoE: times it dialled again.</param>
/// <param name="LastExitCode">PPPoE: pppd's last exit code; null before any.</param>
/// <param name="DelegatedPrefix">DHCPv6: the prefix the ISP delegated; null without one.</param>
/// <param name="PrefixPreferredSeconds">DHCPv6: left of the prefix's preferred lifetime (4294967295: for ever).</param>
/// <param name="PrefixValidSeconds">DHCPv6: left of its valid lifetime.</param>
/// <param name="LanPrefixes">DHCPv6: each LAN's /64 of the prefix.</param>
public sealed record UplinkStatusView(string Device, string Kind, string State, string? Address, string? Gateway, IReadOnlyList<string> DnsServers,
    int LeaseSeconds, string? Failure, IReadOnlyList<UplinkEventView> Timeline, string? FailureCheck = null, string? Parent = null,
    int? SessionId = null, string? AccessConcentrator = null, DateTimeOffset? UpSince = null, int Reconnects = 0, int? LastExitCode = null,
    string? DelegatedPrefix = null, long PrefixPreferredSeconds = 0, long PrefixValidSeconds = 0, IReadOnlyList<LanPrefixView>? LanPrefixes = null);

/// <summary>A LAN's /64 of an uplink's delegated prefix.</summary>
public sealed record LanPrefixView(string Device, string Prefix);

public sealed record UplinkEventView(DateTimeOffset At, string State, string Detail);

/// <summary>What the uplinks hub sends a browser: every uplink's status, whole, whenever any of them changes.</summary>
/// <param name="Connected">False while the engine's uplink stream is down (the list is the last one known).</param>
public sealed record UplinkSnapshot(IReadOnlyList<UplinkStatusView> Uplinks, bool Connected);

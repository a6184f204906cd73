namespace RouterOS.Api.Contracts;

/// <param name="Device">The DHCP client's device, or the PPPoE uplink's (ppp) name.</param>
/// <param name="Kind">"dhcp" or "pppoe".</param>
/// <param name="State">dhcp: discovering, bound, failed, stopped. pppoe: discovery, session, lcp, authentication, ipcp, up, down, failed (stopped dialling), stopped.</param>
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
public sealed record UplinkStatusView(string Device, string Kind, string State, string? Address, string? Gateway, IReadOnlyList<string> DnsServers,
    int LeaseSeconds, string? Failure, IReadOnlyList<UplinkEventView> Timeline, string? FailureCheck = null, string? Parent = null,
    int? SessionId = null, string? AccessConcentrator = null, DateTimeOffset? UpSince = null, int Reconnects = 0, int? LastExitCode = null);

public sealed record UplinkEventView(DateTimeOffset At, string State, string Detail);

/// <summary>What the uplinks hub sends a browser: every uplink's status, whole, whenever any of them changes.</summary>
/// <param name="Connected">False while the engine's uplink stream is down (the list is the last one known).</param>
public sealed record UplinkSnapshot(IReadOnlyList<UplinkStatusView> Uplinks, bool Connected);

namespace RouterOS.Api.Contracts;

/// <param name="Hostname">Null when the client sent none.</param>
/// <param name="Expires">Null: the lease never expires.</param>
public sealed record DhcpLeaseView(string Mac, string Address, string? Hostname, DateTimeOffset? Expires);

/// <summary>What the leases hub sends a browser: every lease the router's DHCP server has handed out, whole, after every change.</summary>
/// <param name="Connected">False while the engine's lease stream is down (the leases are the last ones known).</param>
public sealed record DhcpLeaseSnapshot(IReadOnlyList<DhcpLeaseView> Leases, bool Connected);

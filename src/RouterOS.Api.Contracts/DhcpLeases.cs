namespace RouterOS.Api.Contracts;

/// <param name="Hostname">Null when the client sent none.</param>
/// <param name="Expires">Null: the lease never expires.</param>
public sealed record DhcpLeaseView(string Mac, string Address, string? Hostname, DateTimeOffset? Expires);

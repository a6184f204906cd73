namespace RouterOS.Api.Contracts;

/// <summary>
/// A firewall rule's counter in the running ruleset. Port forwards and source NAT rules count a
/// connection's first packet (NAT sees no other); forward rules count what they match, which is
/// the first packet of each new connection, or every packet they drop. All start from zero
/// whenever a commit replaces the ruleset.
/// </summary>
/// <param name="Path">The rule's configuration path, e.g. "firewall.portForwards[web]".</param>
public sealed record RuleCounterView(string Path, ulong Packets, ulong Bytes);

using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>
/// Source NAT to fixed addresses for connections leaving through a zone, beside masquerade: for an
/// uplink with static public addresses, where masquerade's "whatever the interface has" is not
/// what the ISP routed. The first enabled rule that matches a new connection decides; masquerade
/// applies to what no rule matched.
/// </summary>
/// <param name="Zone">The zone the connections leave through (the uplink's).</param>
/// <param name="To">The address to translate to, or a block of them ("203.0.113.8/29"): a host keeps the same one for all its connections.</param>
/// <param name="Source">Only connections from these addresses (a LAN, a server); all when not set.</param>
public sealed record SourceNatRule(
    ObjectName Name,
    ObjectName Zone,
    Cidr To,
    Cidr? Source = null,
    bool Enabled = true,
    PlainText? Description = null);

using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification;

/// <summary>
/// How much one configuration may hold. Each number leaves room for the largest router this
/// firmware is meant for (a 48-port edge box with a VLAN per customer) and no more, so that
/// every request's verify and plan does bounded work: verify reports a list over its limit at the
/// list's path and checks nothing else until the configuration is within them.
/// docs/configuration.md ("Limits") shows this table to administrators.
/// </summary>
public static class Limits
{
    /// <summary>A 48-port switch with its uplinks and SFP cages, twice over.</summary>
    public const int Ports = 128;

    /// <summary>One bridge per LAN segment; past a few dozen, VLAN filtering on one bridge is the better design.</summary>
    public const int Bridges = 64;

    /// <summary>BR_MAX_PORTS (1 &lt;&lt; BR_PORT_BITS, net/bridge/br_private.h): the kernel's own ceiling.</summary>
    public const int PortsPerBridge = 1024;

    /// <summary>Every usable VLAN id (1-4094; 0 and 4095 are reserved, IEEE 802.1Q), so one trunk port may carry them all.</summary>
    public const int VlansPerBridgePort = 4094;

    /// <summary>
    /// All bridge VLAN entries together (ports' and bridges' own): a trunk carrying every VLAN id,
    /// or the ports of a 48-port switch carrying 85 VLANs each. A router's bridges carry a few
    /// VLANs per port; several trunks of every VLAN id are a datacenter switch's work, and they
    /// were most of the work of a plan at the limits (a kernel change per entry), so 16376 (four
    /// such trunks) became 4096, which keeps that plan within its budget.
    /// </summary>
    public const int BridgeVlanEntries = 4096;

    /// <summary>A VLAN device per customer or segment on a busy edge router.</summary>
    public const int VlanDevices = 1024;

    /// <summary>
    /// VLAN tags one frame may carry through stacked devices: 2 is QinQ (802.1ad over 802.1Q), 3
    /// leaves room for a carrier that adds one more. Deeper stacks exist only by mistake.
    /// </summary>
    public const int VlanStackDepth = 3;

    /// <summary>PPPoE sessions: a few uplinks with room for a backup on each.</summary>
    public const int PppoeUplinks = 8;

    /// <summary>An IPv4 and an IPv6 address on every VLAN device.</summary>
    public const int Addresses = 2 * VlanDevices;

    /// <summary>Static routes; a full internet table belongs to a routing daemon, not to this configuration.</summary>
    public const int Routes = 1024;

    /// <summary>One DHCP client per uplink.</summary>
    public const int DhcpClients = 16;

    /// <summary>One DHCPv6 client, or one static prefix, per uplink (as <see cref="DhcpClients"/>).</summary>
    public const int Dhcpv6Clients = 16;

    /// <summary>IPv6 LANs: a /56 numbers 256 of them, as many as <see cref="DhcpServers"/>.</summary>
    public const int Ipv6Lans = 256;

    /// <summary>A DHCP server on every fourth VLAN device; dnsmasq serves them all from one process.</summary>
    public const int DhcpServers = 256;

    /// <summary>Fixed addresses on one LAN (a /22 full of known hosts).</summary>
    public const int StaticLeasesPerServer = 1024;

    /// <summary>Fixed addresses on all LANs together, which dnsmasq holds in memory.</summary>
    public const int StaticLeases = 4096;

    /// <summary>DNS servers one DHCP server announces (option 6): clients use the first few.</summary>
    public const int DnsServersPerDhcpServer = 8;

    /// <summary>Upstream servers the DNS forwarder asks.</summary>
    public const int UpstreamDnsServers = 16;

    /// <summary>Static DNS host names, as many as the fixed addresses of all LANs: dnsmasq holds both in memory.</summary>
    public const int DnsHosts = StaticLeases;

    /// <summary>Flowtables: a device can be hooked by one only, so a handful covers every device.</summary>
    public const int Flowtables = 16;

    /// <summary>NFT_NETDEVICE_MAX (include/net/netfilter/nf_tables.h): the kernel refuses more devices on one flowtable.</summary>
    public const int DevicesPerFlowtable = 256;

    /// <summary>Offload rules; verify compares each with those above it (shadowing), so this bounds that work.</summary>
    public const int OffloadRules = 128;

    /// <summary>Ports or port ranges in one offload rule or input rule (ranges cover the rest).</summary>
    public const int PortRangesPerRule = 16;

    /// <summary>Firewall zones.</summary>
    public const int Zones = 64;

    /// <summary>Interfaces in one zone: a "lan" zone may hold every VLAN device.</summary>
    public const int InterfacesPerZone = VlanDevices;

    /// <summary>Zone-to-zone forwardings: four from each zone.</summary>
    public const int Forwardings = 4 * Zones;

    /// <summary>Services opened on the router.</summary>
    public const int InputRules = 128;

    /// <summary>Port forwards: a busy small office's servers, cameras and consoles, twice over.</summary>
    public const int PortForwards = 256;

    /// <summary>
    /// Ports of one port forward whose inside ports differ from its outside ones: each port is
    /// an element of a map in the ruleset (nft has no port offset before 1.0.7), so a shifted range
    /// stays small. A range kept as it is may be any length.
    /// </summary>
    public const int ShiftedPortsPerForward = 256;

    /// <summary>Source NAT rules: one per public address block and LAN is a few dozen.</summary>
    public const int SourceNatRules = 64;

    /// <summary>Forward rules: each new connection walks them in order until one matches.</summary>
    public const int ForwardRules = 256;

    /// <summary>ICMP types in one forward rule: every type nft names.</summary>
    public const int IcmpTypesPerRule = 32;

    /// <summary>Traffic shapers, one per device at most.</summary>
    public const int Shapers = 256;

    /// <summary>Device names: IFNAMSIZ less its NUL (the kernel's limit; see <see cref="InterfaceName"/>).</summary>
    public const int InterfaceNameBytes = InterfaceName.MaxBytes;

    /// <summary>Zone, flowtable and rule names (see <see cref="ObjectName"/>).</summary>
    public const int ObjectNameLength = ObjectName.MaxLength;

    /// <summary>Descriptions, PPP user and service names (pppd's MAXNAMELEN less one; see <see cref="PlainText"/>).</summary>
    public const int TextLength = PlainText.MaxLength;

    /// <summary>Passwords (pppd's MAXSECRETLEN less one; see <see cref="Secret"/>).</summary>
    public const int SecretLength = Secret.MaxLength;

    /// <summary>Host and domain names (RFC 1035; see <see cref="DnsName"/>).</summary>
    public const int DnsNameLength = DnsName.MaxLength;
}

namespace RouterOS.Engine.Reconcile;

/// <summary>What an apply does to a supervised service.</summary>
public enum ServiceChange
{
    None,
    Start,
    Restart,

    /// <summary>Changed settings taken while it runs (a PPPoE uplink's route or metric: the session stays up).</summary>
    Update,
    Stop,
}

/// <summary>
/// What applying a configuration does to the supervised services, as their runtimes compare it to
/// what runs: an input of the plan, like the kernel's state.
/// </summary>
/// <param name="Dnsmasq">The LANs' DHCP server and DNS forwarder.</param>
/// <param name="Clients">Each uplink DHCP client, by device.</param>
/// <param name="Sessions">Each PPPoE session, by uplink name.</param>
/// <param name="Dhcpv6Clients">Each uplink DHCPv6 client, by uplink.</param>
public sealed record ServiceChanges(
    ServiceChange Dnsmasq,
    IReadOnlyList<(string Device, ServiceChange Change)> Clients,
    IReadOnlyList<(string Name, ServiceChange Change)> Sessions,
    IReadOnlyList<(string Uplink, ServiceChange Change)>? Dhcpv6Clients = null)
{
    public static ServiceChanges None { get; } = new(ServiceChange.None, [], []);
}

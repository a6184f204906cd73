using RouterOS.Domain.Verification;

namespace RouterOS.Engine.Reconcile;

/// <summary>The plan's service steps: what the configuration does to dnsmasq, the DHCP clients and the PPPoE sessions, after its kernel steps.</summary>
internal static class ServicePlanner
{
    public static IEnumerable<PlanStep> Plan(ServiceChanges changes)
    {
        var dnsmasq = changes.Dnsmasq switch
        {
            ServiceChange.Start => new ServiceStep("dhcp.servers", "create", ChangeClass.AppliedLive, "start dnsmasq (DHCP server and DNS forwarder for the LANs)"),
            ServiceChange.Restart => new ServiceStep("dhcp.servers", "change", ChangeClass.Restart, "restart dnsmasq with the new DHCP and DNS settings (leases are kept)"),
            ServiceChange.Stop => new ServiceStep("dhcp.servers", "delete", ChangeClass.AppliedLive, "stop dnsmasq: no DHCP server is configured"),
            _ => null,
        };
        if (dnsmasq is not null)
        {
            yield return dnsmasq;
        }
        foreach (var (device, change) in changes.Clients)
        {
            var path = ConfigPath.Item("dhcp.clients", device);
            yield return change switch
            {
                ServiceChange.Start => new ServiceStep(path, "create", ChangeClass.AppliedLive, $"start the DHCP client on {device}"),
                ServiceChange.Restart => new ServiceStep(path, "change", ChangeClass.Restart, $"restart the DHCP client on {device}: it asks for a new lease"),
                _ => new ServiceStep(path, "delete", ChangeClass.AppliedLive, $"stop the DHCP client on {device}: its lease is released and removed"),
            };
        }
        foreach (var (uplink, change) in changes.Dhcpv6Clients ?? [])
        {
            var path = ConfigPath.Item("ipv6.clients", uplink);
            yield return change switch
            {
                ServiceChange.Start => new ServiceStep(path, "create", ChangeClass.AppliedLive, $"start the DHCPv6 client on {uplink}: it asks for a prefix for the LANs"),
                ServiceChange.Restart => new ServiceStep(path, "change", ChangeClass.Restart, $"restart the DHCPv6 client on {uplink}: it asks again (the ISP usually gives the same prefix back)"),
                _ => new ServiceStep(path, "delete", ChangeClass.AppliedLive, $"stop the DHCPv6 client on {uplink}: its prefix is released and the LANs' addresses from it removed"),
            };
        }
        foreach (var (name, change) in changes.Sessions)
        {
            var path = ConfigPath.Item("pppoe", name);
            yield return change switch
            {
                ServiceChange.Start => new ServiceStep(path, "create", ChangeClass.AppliedLive, $"start the PPPoE session {name}"),
                ServiceChange.Restart => new ServiceStep(path, "change", ChangeClass.Restart,
                    $"restart the PPPoE session {name}: a setting it dials with changed (the session ends with PADT and dials again)"),
                ServiceChange.Update => new ServiceStep(path, "change", ChangeClass.AppliedLive, $"update the PPPoE uplink {name}: the session stays up"),
                _ => new ServiceStep(path, "delete", ChangeClass.AppliedLive, $"stop the PPPoE session {name} (PADT)"),
            };
        }
    }
}

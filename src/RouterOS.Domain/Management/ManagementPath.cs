using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Management;

/// <summary>
/// Judges whether committing the candidate would cut the administrator's own path to the
/// dashboard: the router network the client is in must stay on the same interface, that interface
/// must keep accepting new connections to the management port, and the links under it must not
/// change in a way that may cut the client off.
/// </summary>
public static class ManagementPath
{
    public static IReadOnlyList<ManagementWarning> Check(RouterConfig running, RouterConfig candidate, IpAddress client, PortRange managementPort)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(client);
        // On loopback (the lab, a tunnel ending on the router) the client does not come in through
        // a router interface, so no change of interfaces or zones can be judged to cut it off. The
        // same holds for a client in no subnet of the router (routed from further away): which
        // interface it comes in by depends on routes we cannot follow reliably, so we say nothing
        // rather than guess.
        if (System.Net.IPAddress.IsLoopback(client.Address))
            return [];
        var network = NetworkOf(running, client);
        if (network is null)
            return [];
        var warnings = new List<ManagementWarning>();
        var device = network.Device;
        var stillThere = candidate.Addresses.FirstOrDefault(assignment => assignment.Address.Subnet.Contains(client)
            && assignment.Address.Subnet.Equals(network.Address.Subnet));
        if (stillThere is null)
        {
            warnings.Add(new(ConfigPath.Item("addresses", network.Address),
                $"You are connected from {client}, in network {network.Address.Subnet} on {device}; the change removes the router's address {network.Address} there, so the router will no longer answer you on that network."));
        }
        else if (stillThere.Device != device)
        {
            warnings.Add(new(ConfigPath.Item("addresses", stillThere.Address),
                $"You are connected from {client} through {device}; the change moves network {network.Address.Subnet} to {stillThere.Device}, so your connection may no longer reach the router."));
        }
        warnings.AddRange(ManagementLinks.Changes(running, candidate, device));
        if (stillThere is not null && stillThere.Device == device)
        {
            var before = ManagementInput.Judge(running, device, client, managementPort);
            var after = ManagementInput.Judge(candidate, device, client, managementPort);
            // Only a change is worth a warning: when the running configuration already seems to
            // refuse the client, it is connected some way this model does not see (no ruleset yet,
            // a route from elsewhere), and warning about every commit would teach admins to ignore it.
            if (before is null && after is not null)
                warnings.Add(after);
        }
        return warnings;
    }

    /// <summary>The most specific static address of the router whose subnet holds the client, as the kernel's routing would pick it.</summary>
    private static AddressAssignment? NetworkOf(RouterConfig config, IpAddress client) =>
        config.Addresses.Where(assignment => assignment.Address.Subnet.Contains(client))
            .OrderByDescending(assignment => assignment.Address.PrefixLength)
            .FirstOrDefault();
}

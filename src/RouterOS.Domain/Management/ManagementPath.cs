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
    /// <param name="running">The configuration the router runs now, through which the client reached it.</param>
    /// <param name="candidate">The configuration a commit would apply.</param>
    /// <param name="client">The address the administrator's connection comes from.</param>
    /// <param name="managementPort">The TCP port the connection came in on.</param>
    /// <param name="routerAddress">The router's address the connection went to, when known: it must stay the router's.</param>
    public static IReadOnlyList<ManagementWarning> Check(RouterConfig running, RouterConfig candidate, IpAddress client, PortRange managementPort, IpAddress? routerAddress = null)
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
        else if (routerAddress is not null && running.Addresses.Any(assignment => assignment.Address.Address.Equals(routerAddress))
            && !candidate.Addresses.Any(assignment => assignment.Address.Address.Equals(routerAddress)))
        {
            var gone = running.Addresses.First(assignment => assignment.Address.Address.Equals(routerAddress));
            warnings.Add(new(ConfigPath.Item("addresses", gone.Address),
                $"You opened this dashboard at {routerAddress}; the change takes that address from the router (network {network.Address.Subnet} stays on {stillThere.Device} under another address), so this page will lose the router."));
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

using System.Net;
using RouterOS.Domain.Model;

namespace RouterOS.Api.Flows;

/// <summary>
/// Conntrack knows addresses, not interfaces: a flow is "on" an interface when one of its
/// addresses lies in a network configured on that interface in the running configuration.
/// </summary>
public static class InterfaceNetworks
{
    public static Func<string, IReadOnlyList<IPNetwork>?> From(RouterConfig? running) => name =>
    {
        var networks = (running?.Addresses ?? default)
            .Where(assignment => string.Equals(assignment.Device.ToString(), name, StringComparison.Ordinal))
            .Select(assignment => IPNetwork.Parse(assignment.Address.Subnet.ToString()))
            .ToList();
        return networks.Count > 0 ? networks : null;
    };
}

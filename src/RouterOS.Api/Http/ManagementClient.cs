using System.Net;
using System.Net.Sockets;
using RouterOS.Domain.Management;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Api.Http;

/// <summary>
/// The asking client's own path to the API, as the connection shows it (the address it comes
/// from, the router's address and port it came in on), judged against a commit of the candidate.
/// </summary>
public static class ManagementClient
{
    public static IReadOnlyList<ManagementWarning> Warnings(ConnectionInfo connection, RouterConfig running, RouterConfig candidate)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var client = ClientAddress(connection.RemoteIpAddress);
        // No address (an in-process test host) or no port: nothing to judge the path by.
        if (client is null || !PortRange.TryFromNumber(connection.LocalPort, out var port, out _))
            return [];
        return ManagementPath.Check(running, candidate, client, port, ClientAddress(connection.LocalIpAddress));
    }

    /// <summary>
    /// An address of the connection (the client's, or the router's it went to) as the configuration writes it: an IPv4 client on a dual-stack socket
    /// arrives as ::ffff:a.b.c.d, and a link-local IPv6 one carries its zone, which the
    /// configuration's addresses never do (the device is named separately).
    /// </summary>
    public static IpAddress? ClientAddress(IPAddress? remote)
    {
        if (remote is null)
            return null;
        if (remote.IsIPv4MappedToIPv6)
            remote = remote.MapToIPv4();
        if (remote.AddressFamily == AddressFamily.InterNetworkV6 && remote.ScopeId != 0)
            remote = new IPAddress(remote.GetAddressBytes());
        return remote.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 ? IpAddress.From(remote) : null;
    }
}
